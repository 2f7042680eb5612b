using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using TripSage.Memory.Client;
using TripSage.Memory.Client.Tls;
using TripSage.Memory.Hosting;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Tls;

/// <summary>
/// Two silos clustered through one store, each on mutual TLS (<c>TripSage:Tls</c>), over real loopback
/// sockets: with certificates of one CA they form a cluster and a call crosses from one to the other;
/// a silo holding another CA's certificate is refused by the first and never becomes Active (issue 11).
/// </summary>
public sealed class SiloToSiloTlsTests : IAsyncLifetime
{
    private const string Password = "silo-pfx-password";

    // Long enough for a silo of the grid to join on this machine many times over (it takes a few seconds);
    // a silo whose connections are refused keeps trying to join, so its start is given up after this.
    private static readonly TimeSpan JoinAttempt = TimeSpan.FromSeconds(20);

    private readonly string _folder = Directory.CreateTempSubdirectory("tripsage-silo-tls-").FullName;
    private readonly string _clusterId = $"tls-{Guid.NewGuid():N}";
    private readonly TestCertificateAuthority _gridCa = new("TripSage test grid CA");
    private readonly TestCertificateAuthority _otherCa = new("Someone else's CA");
    private readonly List<WebApplication> _started = [];
    private GarnetTestStore _store = null!;

    public Task InitializeAsync()
    {
        _store = GarnetTestStore.Start();
        _gridCa.WriteCertificatePem(Path.Combine(_folder, "ca.crt"));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SilosWithTheGridsCertificates_FormACluster_AndACallCrossesBetweenThem()
    {
        var first = await StartSiloAsync(_gridCa, "silo-1", CancellationToken.None);
        var second = await StartSiloAsync(_gridCa, "silo-2", CancellationToken.None);
        var secondAddress = second.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        var management = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var active = await management.GetHosts(onlyActive: true);

        Assert.Equal(2, active.Count);
        Assert.Equal(SiloStatus.Active, active[secondAddress]);

        // Answered by the second silo over the silo-to-silo connection the first one opened.
        var statistics = await management.GetRuntimeStatistics([secondAddress]);
        Assert.Single(statistics);
    }

    [Fact]
    public async Task SiloWithAnotherCasCertificate_IsRefused_AndNeverBecomesActive()
    {
        var first = await StartSiloAsync(_gridCa, "silo-1", CancellationToken.None);

        using var giveUp = new CancellationTokenSource(JoinAttempt);
        var intruder = StartSiloAsync(_otherCa, "intruder", giveUp.Token);

        // Its start never completes: every connection it opens to the grid's silo fails the TLS handshake.
        await Assert.ThrowsAnyAsync<Exception>(() => intruder);
        var management = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var active = await management.GetHosts(onlyActive: true);
        Assert.Equal(first.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress, Assert.Single(active).Key);
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in Enumerable.Reverse(_started))
        {
            try
            {
                await silo.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or OrleansException or InvalidOperationException)
            {
                // A silo that never joined has nothing to leave.
            }

            await silo.DisposeAsync();
        }

        await _store.DisposeAsync();
        _gridCa.Dispose();
        _otherCa.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A Development silo in Redis clustering on the test store, its certificate issued by <paramref name="ca"/>; every silo trusts the grid's CA.</summary>
    private async Task<WebApplication> StartSiloAsync(TestCertificateAuthority ca, string name, CancellationToken cancellation)
    {
        using var certificate = ca.Issue(name, GridTlsUsages.Server | GridTlsUsages.Client);
        var pfx = TestCertificateAuthority.WritePfx(certificate, Path.Combine(_folder, $"{name}.pfx"), Password);
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",

            // One data folder: the silos share the generated development secrets (token and master keys).
            [GridDefaults.DataPathSetting] = Path.Combine(_folder, "data"),
            ["TripSage:Store:ConnectionString"] = _store.ConnectionString,
            ["TripSage:Silo:Clustering"] = "Redis",
            ["TripSage:Silo:ClusterId"] = _clusterId,
            ["TripSage:Silo:AdvertisedAddress"] = "127.0.0.1",
            ["TripSage:Silo:SiloPort"] = LoopbackPorts.Free().ToString(),
            ["TripSage:Silo:GatewayPort"] = LoopbackPorts.Free().ToString(),
            ["TripSage:Tls:Enabled"] = "true",
            ["TripSage:Tls:CertificatePath"] = pfx,
            ["TripSage:Tls:CertificatePassword"] = Password,
            ["TripSage:Tls:TrustedCaPath"] = Path.Combine(_folder, "ca.crt"),
        };
        var app = InProcessSilo.Build(Environments.Development, settings);
        _started.Add(app);
        await app.StartAsync(cancellation);
        return app;
    }
}
