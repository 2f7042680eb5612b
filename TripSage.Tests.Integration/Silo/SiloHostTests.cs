using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TripSage.Memory.Client;
using TripSage.Memory.Hosting;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Silo;

/// <summary>The silo host as <c>dotnet run --project TripSage.Silo</c> runs it, reached through the client library.</summary>
public sealed class SiloHostTests : IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-silo-").FullName;

    [Fact]
    public async Task Host_OnEmbeddedDefaults_IsReadyAndKeepsDataAcrossARestart()
    {
        var userId = TestUsers.New();
        string memoryId;
        await using (var silo = await InProcessSilo.StartDevelopmentAsync(_dataPath))
        {
            using var http = new HttpClient { BaseAddress = silo.HttpAddress };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

            using var client = await StartClientAsync(silo.GatewayPort, _dataPath, userId);
            memoryId = (await client.Services.GetRequiredService<IMemoryClient>().RememberAsync(userId, new NewMemory("Always books a window seat"))).MemoryId;
            await client.StopAsync();
        }

        await using (var restarted = await InProcessSilo.StartDevelopmentAsync(_dataPath))
        {
            using var client = await StartClientAsync(restarted.GatewayPort, _dataPath, userId);
            var memory = await client.Services.GetRequiredService<IMemoryClient>().GetAsync(userId, memoryId);
            await client.StopAsync();

            Assert.Equal("Always books a window seat", memory?.Text);
        }

        Assert.True(File.Exists(DevelopmentSecretsFile.PathIn(_dataPath)));
        Assert.True(Directory.EnumerateFiles(Path.Combine(_dataPath, "store"), "*", SearchOption.AllDirectories).Any());

        // The user's data key went to the key folder an erase rewrites, not into the embedded store (crypto-shredding).
        Assert.Contains(userId + "\t", File.ReadAllText(Path.Combine(_dataPath, "data-keys", Memory.Grains.Storage.FileWrappedKeyStore.FileName)));
    }

    [Fact]
    public async Task Host_OutsideDevelopmentWithoutAKey_RefusesToStart()
    {
        var app = InProcessSilo.Build("Production", new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["TripSage:DataPath"] = _dataPath,
            ["TripSage:Store:ConnectionString"] = "127.0.0.1:1",
            ["TripSage:Silo:SiloPort"] = LoopbackPorts.Free().ToString(),
            ["TripSage:Silo:GatewayPort"] = LoopbackPorts.Free().ToString(),
        });

        // Every missing secret is reported at once (key ring and token validation), hence possibly an aggregate.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        await app.DisposeAsync();

        Assert.Contains("TripSage:Encryption:Keys", error.Message);
        Assert.Contains("TripSage:Auth", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_dataPath, "keys")));
    }

    [Fact]
    public async Task Host_InDevelopment_ReusesTheKeyItGeneratedOnce()
    {
        await using (await InProcessSilo.StartDevelopmentAsync(_dataPath))
        {
        }

        var keyFile = DevelopmentSecretsFile.PathIn(_dataPath);
        var first = await File.ReadAllTextAsync(keyFile);
        await using (await InProcessSilo.StartDevelopmentAsync(_dataPath))
        {
        }

        Assert.Equal(first, await File.ReadAllTextAsync(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);

    private static async Task<IHost> StartClientAsync(int gatewayPort, string dataPath, string userId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTripSageMemoryClient(options =>
        {
            options.Gateways.Add($"127.0.0.1:{gatewayPort}");
            options.Token = TestTokens.ForDevelopmentSilo(dataPath, userId);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
