using Microsoft.Extensions.Options;
using TripSage.Memory.Client.Tls;
using TripSage.Memory.Hosting.Tls;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Unit.Tls;

/// <summary>The silo's TLS settings are checked before it starts, each problem naming its <c>TripSage:Tls</c> setting.</summary>
public sealed class SiloTlsOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tripsage-tls-options-").FullName;
    private readonly TestCertificateAuthority _ca = new("unit test CA");

    [Fact]
    public void Load_PfxWithPasswordAndCa_Succeeds()
    {
        var options = Valid();

        var credentials = SiloTlsExtensions.Load(options);

        Assert.True(credentials.Certificate!.HasPrivateKey);
    }

    [Fact]
    public void Load_PemCertificateAndKey_Succeeds()
    {
        using var certificate = _ca.Issue("silo", GridTlsUsages.Server | GridTlsUsages.Client);
        var (certificatePath, keyPath) = TestCertificateAuthority.WritePem(certificate, Path.Combine(_folder, "silo.crt"), Path.Combine(_folder, "silo.key"));

        var credentials = SiloTlsExtensions.Load(new SiloTlsOptions { Enabled = true, CertificatePath = certificatePath, CertificateKeyPath = keyPath, TrustedCaPath = CaPath() });

        Assert.Equal(certificate.Thumbprint, credentials.Certificate!.Thumbprint);
    }

    [Fact]
    public void Load_NoCertificate_NamesCertificatePath()
    {
        var options = Valid();
        options.CertificatePath = null;

        AssertFailure(options, "TripSage:Tls:CertificatePath is not set");
    }

    [Fact]
    public void Load_MissingFile_NamesCertificatePathAndTheFile()
    {
        var options = Valid();
        options.CertificatePath = Path.Combine(_folder, "absent.pfx");

        AssertFailure(options, $"TripSage:Tls:CertificatePath is '{options.CertificatePath}', which does not exist");
    }

    [Fact]
    public void Load_WrongPassword_NamesCertificatePassword()
    {
        var options = Valid();
        options.CertificatePassword = "not the password";

        AssertFailure(options, "TripSage:Tls:CertificatePassword");
    }

    [Fact]
    public void Load_PemWithoutKey_NamesCertificateKeyPath()
    {
        using var certificate = _ca.Issue("silo", GridTlsUsages.Server | GridTlsUsages.Client);
        var path = Path.Combine(_folder, "silo-only.crt");
        File.WriteAllText(path, certificate.ExportCertificatePem());

        AssertFailure(new SiloTlsOptions { Enabled = true, CertificatePath = path, TrustedCaPath = CaPath() }, "TripSage:Tls:CertificatePath");
    }

    [Fact]
    public void Load_CertificateForServersOnly_SaysSilosAlsoConnectAsClients()
    {
        using var certificate = _ca.Issue("silo", GridTlsUsages.Server);
        var options = Valid();
        options.CertificatePath = TestCertificateAuthority.WritePfx(certificate, Path.Combine(_folder, "server-only.pfx"), options.CertificatePassword);

        AssertFailure(options, "client authentication (1.3.6.1.5.5.7.3.2)");
    }

    [Fact]
    public void Load_ExpiredCertificate_SaysWhenItExpired()
    {
        using var certificate = _ca.Issue("silo", GridTlsUsages.Server | GridTlsUsages.Client, notAfter: DateTimeOffset.UtcNow.AddMinutes(-5));
        var options = Valid();
        options.CertificatePath = TestCertificateAuthority.WritePfx(certificate, Path.Combine(_folder, "expired.pfx"), options.CertificatePassword);

        AssertFailure(options, "expired on");
    }

    [Fact]
    public void Load_NeitherCaNorThumbprints_NamesBoth()
    {
        var options = Valid();
        options.TrustedCaPath = null;

        AssertFailure(options, "TripSage:Tls:TrustedCaPath and TripSage:Tls:AllowedThumbprints are both empty");
    }

    [Fact]
    public void Load_MissingCaFile_NamesTrustedCaPath()
    {
        var options = Valid();
        options.TrustedCaPath = Path.Combine(_folder, "absent-ca.crt");

        AssertFailure(options, "TripSage:Tls:TrustedCaPath is");
    }

    [Fact]
    public void Load_MalformedThumbprint_NamesAllowedThumbprints()
    {
        var options = Valid();
        options.AllowedThumbprints.Add("abc");

        AssertFailure(options, "TripSage:Tls:AllowedThumbprints holds 'abc'");
    }

    [Fact]
    public void Load_SeveralProblems_ReportsEveryOne()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloTlsExtensions.Load(new SiloTlsOptions { Enabled = true }));

        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public void Trusts_CertificateOfTheCa_IsTrusted_AndOneOfAnotherCaIsNot()
    {
        var credentials = SiloTlsExtensions.Load(Valid());
        using var other = new TestCertificateAuthority("another CA");
        using var ours = _ca.Issue("client", GridTlsUsages.Client);
        using var theirs = other.Issue("client", GridTlsUsages.Client);

        Assert.True(credentials.Trusts(ours, null));
        Assert.False(credentials.Trusts(theirs, null));
    }

    [Fact]
    public void Trusts_WithThumbprints_OnlyTheListedCertificate()
    {
        using var listed = _ca.Issue("listed", GridTlsUsages.Client);
        using var unlisted = _ca.Issue("unlisted", GridTlsUsages.Client);
        var options = Valid();
        options.AllowedThumbprints.Add(listed.Thumbprint.ToLowerInvariant());
        var credentials = SiloTlsExtensions.Load(options);

        Assert.True(credentials.Trusts(listed, null));
        Assert.False(credentials.Trusts(unlisted, null));
    }

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private SiloTlsOptions Valid()
    {
        using var certificate = _ca.Issue("silo", GridTlsUsages.Server | GridTlsUsages.Client);
        return new SiloTlsOptions
        {
            Enabled = true,
            CertificatePath = TestCertificateAuthority.WritePfx(certificate, Path.Combine(_folder, "silo.pfx"), "pfx-password"),
            CertificatePassword = "pfx-password",
            TrustedCaPath = CaPath(),
        };
    }

    private string CaPath() => _ca.WriteCertificatePem(Path.Combine(_folder, "ca.crt"));

    private static void AssertFailure(SiloTlsOptions options, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloTlsExtensions.Load(options));
        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
