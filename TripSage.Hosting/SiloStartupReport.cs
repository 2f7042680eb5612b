using TripSage.Memory.Hosting.EmbeddedStore;

namespace TripSage.Memory.Hosting;

/// <summary>What the host decided while configuring, for the banner it prints once started.</summary>
internal sealed class SiloStartupReport
{
    public required string DataPath { get; init; }

    public string? GeneratedKeyFile { get; set; }

    public EmbeddedGarnetStore? EmbeddedStore { get; set; }
}
