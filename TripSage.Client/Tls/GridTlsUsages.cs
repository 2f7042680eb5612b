namespace TripSage.Memory.Client.Tls;

/// <summary>What a certificate is used for on the grid's connections.</summary>
[Flags]
public enum GridTlsUsages
{
    /// <summary>Accepting connections: a silo's gateway and silo port.</summary>
    Server = 1,

    /// <summary>Opening connections: a client to a gateway, a silo to another silo.</summary>
    Client = 2,
}
