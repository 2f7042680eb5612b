namespace TripSage.Memory.Client.Tls;

/// <summary>
/// Mutual TLS on the Orleans connections (gateway and silo to silo): this side's certificate and which
/// certificates of the other side are trusted. Off by default; production grids require it, so that
/// only holders of a certificate the grid trusts can connect at all.
/// </summary>
public class GridTlsOptions
{
    /// <summary>Connect over TLS. Default <c>false</c>: plain TCP, as the embedded quick start runs.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// This side's certificate: a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>, with its private key inside) or a PEM
    /// certificate with <see cref="CertificateKeyPath"/>. A silo needs one; a client needs one whenever the
    /// silos require client certificates (the production setting).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>; not used with a PKCS#12 file.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>
    /// Password of the PKCS#12 file or of an encrypted PEM key. Give it through the environment or a secret
    /// store (on a silo: <c>TripSage__Tls__CertificatePassword</c>), never in a file next to the certificate.
    /// </summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// A PEM file with the certificate authorities the other side's certificate must chain to (a private CA
    /// for the grid; the system's roots are not used). The host name in the certificate is not checked:
    /// silos are reached by address, so membership in this CA (and <see cref="AllowedThumbprints"/>) is the check.
    /// </summary>
    public string? TrustedCaPath { get; set; }

    /// <summary>
    /// SHA-1 thumbprints (40 hex digits) of the only certificates the other side may present. With
    /// <see cref="TrustedCaPath"/> both must hold; alone, the listed certificates are trusted as they are (pinning).
    /// </summary>
    public IList<string> AllowedThumbprints { get; set; } = new List<string>();
}
