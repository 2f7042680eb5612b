using TripSage.Memory.Client.Tls;
using TripSage.Memory.Hosting;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Tls;

/// <summary>
/// One Development silo whose gateway and silo port require mutual TLS with certificates of the grid's
/// CA, plus the files a client of that grid, and one of another CA, would hold.
/// </summary>
public sealed class MutualTlsSiloFixture : IAsyncLifetime
{
    public const string SiloPassword = "silo-pfx-password";

    public string Folder { get; } = Directory.CreateTempSubdirectory("tripsage-tls-").FullName;

    public TestCertificateAuthority GridCa { get; } = new("TripSage test grid CA");

    public TestCertificateAuthority OtherCa { get; } = new("Someone else's CA");

    public string GridCaPath => Path.Combine(Folder, "ca.crt");

    public string SiloPfxPath => Path.Combine(Folder, "silo.pfx");

    public string DataPath => Path.Combine(Folder, "data");

    public InProcessSilo Silo { get; private set; } = null!;

    /// <summary>The settings that put a silo of this grid on mutual TLS.</summary>
    public Dictionary<string, string?> TlsSettings => new()
    {
        ["TripSage:Tls:Enabled"] = "true",
        ["TripSage:Tls:CertificatePath"] = SiloPfxPath,
        ["TripSage:Tls:CertificatePassword"] = SiloPassword,
        ["TripSage:Tls:TrustedCaPath"] = GridCaPath,
    };

    public async Task InitializeAsync()
    {
        GridCa.WriteCertificatePem(GridCaPath);
        using var silo = GridCa.Issue("silo", GridTlsUsages.Server | GridTlsUsages.Client);
        TestCertificateAuthority.WritePfx(silo, SiloPfxPath, SiloPassword);
        Silo = await InProcessSilo.StartDevelopmentAsync(DataPath, TlsSettings);
    }

    /// <summary>A client certificate of <paramref name="ca"/>, written as PEM certificate and key; returns their paths.</summary>
    public (string Certificate, string Key) ClientCertificate(TestCertificateAuthority ca, string name)
    {
        using var certificate = ca.Issue(name, GridTlsUsages.Client);
        return TestCertificateAuthority.WritePem(certificate, Path.Combine(Folder, $"{name}.crt"), Path.Combine(Folder, $"{name}.key"));
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        GridCa.Dispose();
        OtherCa.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
