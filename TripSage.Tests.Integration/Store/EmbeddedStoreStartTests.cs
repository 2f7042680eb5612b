using System.Net;
using System.Net.Sockets;
using TripSage.Memory.Hosting;
using TripSage.Memory.Hosting.EmbeddedStore;

namespace TripSage.Memory.Tests.Integration.Store;

/// <summary>An embedded store that cannot start says why, names what to change, and leaves the other store alone.</summary>
public sealed class EmbeddedStoreStartTests : IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-store-start-").FullName;

    [Fact]
    public void SecondStoreOnTheSameFolder_IsRefusedNamingTheFolder_AndTheFirstKeepsServing()
    {
        using var first = EmbeddedGarnetStore.Start(new EmbeddedStoreOptions { Port = 0 }, _dataPath);

        var refused = Assert.Throws<InvalidOperationException>(() => EmbeddedGarnetStore.Start(new EmbeddedStoreOptions { Port = 0 }, _dataPath));

        Assert.Contains($"'{_dataPath}' is in use by another process", refused.Message);
        Assert.Contains("TripSage:DataPath", refused.Message);
        using var client = new TcpClient();
        client.Connect(first.EndPoint);
        client.GetStream().Write("*1\r\n$4\r\nPING\r\n"u8);
        var reply = new byte[7];
        client.GetStream().ReadExactly(reply);
        Assert.Equal("+PONG\r\n"u8.ToArray(), reply);
    }

    [Fact]
    public void PortInUse_IsRefusedNamingThePortSetting()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var refused = Assert.Throws<InvalidOperationException>(() => EmbeddedGarnetStore.Start(new EmbeddedStoreOptions { Port = port }, _dataPath));

        Assert.StartsWith($"The embedded store could not listen on 127.0.0.1:{port}", refused.Message);
        Assert.Contains($"{EmbeddedStoreOptions.SectionName}:Port", refused.Message);

        // Nothing is left holding the folder: a store on another port starts on it.
        using var next = EmbeddedGarnetStore.Start(new EmbeddedStoreOptions { Port = LoopbackPorts.Free() }, _dataPath);
    }

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);
}
