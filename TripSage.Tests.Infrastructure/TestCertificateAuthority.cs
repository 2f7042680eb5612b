using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TripSage.Memory.Client.Tls;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>
/// A throwaway certificate authority for TLS tests: issues silo and client certificates (ECDSA P-256,
/// valid for a day, for <c>localhost</c> and <c>127.0.0.1</c>) and writes them as the files the grid's
/// settings name.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _root;

    public TestCertificateAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        _root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(2));
    }

    /// <summary>The CA's own certificate (no key), as a trust anchor.</summary>
    public X509Certificate2 Certificate => X509CertificateLoader.LoadCertificate(_root.RawData);

    /// <summary>A certificate issued by this CA, with its private key.</summary>
    public X509Certificate2 Issue(string name, GridTlsUsages usages, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var purposes = new OidCollection();
        if (usages.HasFlag(GridTlsUsages.Server))
        {
            purposes.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        }

        if (usages.HasFlag(GridTlsUsages.Client))
        {
            purposes.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(purposes, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());

        var end = notAfter ?? DateTimeOffset.UtcNow.AddDays(1);
        using var issued = request.Create(_root, DateTimeOffset.UtcNow.AddHours(-1), end, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes the CA certificate as PEM (what <c>TrustedCaPath</c> names) and returns the path.</summary>
    public string WriteCertificatePem(string path)
    {
        File.WriteAllText(path, _root.ExportCertificatePem());
        return path;
    }

    /// <summary>Writes <paramref name="certificate"/> with its key as PKCS#12 and returns the path.</summary>
    public static string WritePfx(X509Certificate2 certificate, string path, string? password)
    {
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>Writes <paramref name="certificate"/> and its key as two PEM files and returns their paths.</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    public void Dispose() => _root.Dispose();
}
