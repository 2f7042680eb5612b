using TripSage.Memory.Client.Tls;

namespace TripSage.Memory.Hosting.Tls;

/// <summary>
/// Mutual TLS on the silo's gateway and silo port (configuration section <c>TripSage:Tls</c>): the silo's
/// certificate (also presented to other silos), and the CA or thumbprints that clients' and other silos'
/// certificates must match. Off by default; required in production (README, threat model).
/// </summary>
internal sealed class SiloTlsOptions : GridTlsOptions
{
    public const string SectionName = "TripSage:Tls";

    /// <summary>
    /// Refuse a client or silo that presents no certificate. Default <c>true</c>: only holders of a
    /// trusted certificate connect at all. <c>false</c> encrypts without authenticating the other side
    /// (tokens alone then stand between a hand-made client and the gateway).
    /// </summary>
    public bool RequireClientCertificate { get; set; } = true;
}
