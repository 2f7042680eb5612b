using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace TripSage.Memory.Client.Tls;

/// <summary>
/// The certificates <see cref="GridTlsOptions"/> name, loaded and checked, and the one rule by which silos
/// and clients judge the other side's certificate. Shared by the silo host and the client so both sides
/// trust the same way.
/// </summary>
public sealed class GridTlsCredentials
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private const int ThumbprintLength = 40;

    private readonly X509Certificate2Collection _trustedCas;
    private readonly HashSet<string> _allowedThumbprints;

    private GridTlsCredentials(X509Certificate2? certificate, X509Certificate2Collection trustedCas, HashSet<string> allowedThumbprints)
    {
        Certificate = certificate;
        _trustedCas = trustedCas;
        _allowedThumbprints = allowedThumbprints;
    }

    /// <summary>This side's certificate with its private key, or null for a client that presents none.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>
    /// Loads what <paramref name="options"/> name, or fails with every problem found, each naming its
    /// setting as <paramref name="settingPrefix"/> + property (e.g. <c>TripSage:Tls:CertificatePath</c>).
    /// </summary>
    /// <param name="options">The settings.</param>
    /// <param name="settingPrefix">How the settings are named where they were given, for the messages.</param>
    /// <param name="certificateRequired">A silo must have a certificate; a client may go without one.</param>
    /// <param name="usages">What this side's certificate is used for, as extended key usage OIDs it must allow.</param>
    /// <exception cref="GridTlsConfigurationException">A setting is missing, a file is missing or unreadable, or a certificate unfit.</exception>
    public static GridTlsCredentials Load(GridTlsOptions options, string settingPrefix, bool certificateRequired, GridTlsUsages usages)
    {
        var failures = new List<string>();
        var certificate = LoadCertificate(options, settingPrefix, certificateRequired, usages, failures);
        var trustedCas = LoadTrustedCas(options, settingPrefix, failures);
        var thumbprints = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var thumbprint in options.AllowedThumbprints)
        {
            var normalized = thumbprint.Replace(":", "", StringComparison.Ordinal).Trim();
            if (normalized.Length != ThumbprintLength || !normalized.All(char.IsAsciiHexDigit))
            {
                failures.Add($"{settingPrefix}{nameof(GridTlsOptions.AllowedThumbprints)} holds '{thumbprint}'; each entry must be a SHA-1 thumbprint: {ThumbprintLength} hex digits (openssl x509 -noout -fingerprint -sha1).");
            }
            else
            {
                thumbprints.Add(normalized);
            }
        }

        if (trustedCas.Count == 0 && thumbprints.Count == 0 && string.IsNullOrWhiteSpace(options.TrustedCaPath))
        {
            failures.Add($"{settingPrefix}{nameof(GridTlsOptions.TrustedCaPath)} and {settingPrefix}{nameof(GridTlsOptions.AllowedThumbprints)} are both empty; set the CA file the other side's certificate must chain to, or the thumbprints it may have.");
        }

        if (failures.Count > 0)
        {
            throw new GridTlsConfigurationException(failures);
        }

        return new GridTlsCredentials(certificate, trustedCas, thumbprints);
    }

    /// <summary>
    /// True when <paramref name="peer"/> chains to a trusted CA (when one is set) and is an allowed
    /// thumbprint (when some are set). The chain is built against the trusted CAs only; the host name
    /// is not checked (silos are reached by address).
    /// </summary>
    public bool Trusts(X509Certificate2 peer, X509Chain? presentedChain)
    {
        if (_allowedThumbprints.Count > 0 && !_allowedThumbprints.Contains(peer.Thumbprint))
        {
            return false;
        }

        if (_trustedCas.Count == 0)
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_trustedCas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            // Intermediates the peer sent along.
            foreach (var element in presentedChain.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(peer);
    }

    /// <summary>Sets Orleans' TLS options: this side's certificate, and the other side judged by <see cref="Trusts"/>.</summary>
    /// <param name="tls">The Orleans TLS options being configured.</param>
    /// <param name="requireRemoteCertificate">Refuse a peer that presents no certificate (a silo requiring client certificates).</param>
    public void Configure(TlsOptions tls, bool requireRemoteCertificate)
    {
        tls.LocalCertificate = Certificate;
        tls.RemoteCertificateMode = requireRemoteCertificate ? RemoteCertificateMode.RequireCertificate : RemoteCertificateMode.AllowCertificate;
        tls.ClientCertificateMode = Certificate is null ? RemoteCertificateMode.NoCertificate : RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = (certificate, chain, _) => Trusts(certificate, chain);
    }

    private static X509Certificate2? LoadCertificate(GridTlsOptions options, string prefix, bool required, GridTlsUsages usages, List<string> failures)
    {
        var pathSetting = prefix + nameof(GridTlsOptions.CertificatePath);
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            if (required)
            {
                failures.Add($"{pathSetting} is not set; it must name this side's certificate: a PKCS#12 file (.pfx, .p12) or a PEM file with {prefix}{nameof(GridTlsOptions.CertificateKeyPath)}.");
            }

            return null;
        }

        var path = options.CertificatePath;
        if (!File.Exists(path))
        {
            failures.Add($"{pathSetting} is '{path}', which does not exist.");
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = IsPkcs12(path) ? X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword) : LoadPem(options, prefix, failures);
        }
        catch (CryptographicException exception)
        {
            failures.Add($"{pathSetting} ('{path}') could not be read with {prefix}{nameof(GridTlsOptions.CertificatePassword)}: {exception.Message} (wrong password, or not a certificate).");
            return null;
        }

        if (certificate is null)
        {
            return null;
        }

        if (!certificate.HasPrivateKey)
        {
            failures.Add($"{pathSetting} ('{path}') holds no private key; give a PKCS#12 file with its key, or the PEM key in {prefix}{nameof(GridTlsOptions.CertificateKeyPath)}.");
        }

        var missing = MissingUsages(certificate, usages);
        if (missing.Length > 0)
        {
            failures.Add($"{pathSetting} ('{path}') does not allow {missing} in its extended key usage; this side needs it ({Describe(usages)}).");
        }

        if (certificate.NotAfter < DateTime.Now)
        {
            failures.Add($"{pathSetting} ('{path}') expired on {certificate.NotAfter.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)}.");
        }

        return certificate;
    }

    private static X509Certificate2 LoadPem(GridTlsOptions options, string prefix, List<string> failures)
    {
        var keyPath = options.CertificateKeyPath;
        if (string.IsNullOrWhiteSpace(keyPath))
        {
            // A PEM file may carry its key in the same file.
            return string.IsNullOrEmpty(options.CertificatePassword)
                ? X509Certificate2.CreateFromPemFile(options.CertificatePath!)
                : X509Certificate2.CreateFromEncryptedPemFile(options.CertificatePath!, options.CertificatePassword);
        }

        if (!File.Exists(keyPath))
        {
            failures.Add($"{prefix}{nameof(GridTlsOptions.CertificateKeyPath)} is '{keyPath}', which does not exist.");
            return X509CertificateLoader.LoadCertificateFromFile(options.CertificatePath!);
        }

        return string.IsNullOrEmpty(options.CertificatePassword)
            ? X509Certificate2.CreateFromPemFile(options.CertificatePath!, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(options.CertificatePath!, options.CertificatePassword, keyPath);
    }

    private static X509Certificate2Collection LoadTrustedCas(GridTlsOptions options, string prefix, List<string> failures)
    {
        var trusted = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(options.TrustedCaPath))
        {
            return trusted;
        }

        var setting = prefix + nameof(GridTlsOptions.TrustedCaPath);
        if (!File.Exists(options.TrustedCaPath))
        {
            failures.Add($"{setting} is '{options.TrustedCaPath}', which does not exist.");
            return trusted;
        }

        try
        {
            trusted.ImportFromPemFile(options.TrustedCaPath);
        }
        catch (CryptographicException exception)
        {
            failures.Add($"{setting} ('{options.TrustedCaPath}') is not a PEM file of certificates: {exception.Message}");
            return trusted;
        }

        if (trusted.Count == 0)
        {
            failures.Add($"{setting} ('{options.TrustedCaPath}') holds no certificate; it must hold the PEM certificate of the grid's CA.");
        }

        return trusted;
    }

    private static bool IsPkcs12(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12";

    private static string MissingUsages(X509Certificate2 certificate, GridTlsUsages usages)
    {
        var extension = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (extension is null)
        {
            // No extended key usage: the certificate may be used for anything.
            return "";
        }

        var allowed = extension.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        if (usages.HasFlag(GridTlsUsages.Server) && !allowed.Contains(ServerAuthentication))
        {
            missing.Add($"server authentication ({ServerAuthentication})");
        }

        if (usages.HasFlag(GridTlsUsages.Client) && !allowed.Contains(ClientAuthentication))
        {
            missing.Add($"client authentication ({ClientAuthentication})");
        }

        return string.Join(" and ", missing);
    }

    private static string Describe(GridTlsUsages usages) => usages switch
    {
        GridTlsUsages.Server | GridTlsUsages.Client => "a silo accepts connections and connects to other silos",
        GridTlsUsages.Server => "it accepts connections",
        _ => "it connects to a gateway",
    };
}
