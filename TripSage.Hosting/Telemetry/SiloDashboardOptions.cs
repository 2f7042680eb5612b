namespace TripSage.Memory.Hosting.Telemetry;

/// <summary>The Orleans dashboard under <c>/dashboard</c> (configuration section <c>TripSage:Dashboard</c>).</summary>
internal sealed class SiloDashboardOptions
{
    public const string SectionName = "TripSage:Dashboard";

    /// <summary>The shortest admin token accepted: 32 characters, e.g. <c>openssl rand -hex 16</c>.</summary>
    public const int MinimumTokenLength = 32;

    /// <summary>
    /// Serve the dashboard. Default <c>true</c>; outside Development it is served only when
    /// <see cref="AdminToken"/> is set as well. <c>false</c> turns it off everywhere.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The secret an operator presents to open the dashboard outside Development: as
    /// <c>Authorization: Bearer &lt;token&gt;</c>, or once as <c>/dashboard/?token=&lt;token&gt;</c>,
    /// which sets an HTTP-only cookie for the dashboard's own requests. At least
    /// <see cref="MinimumTokenLength"/> characters. Default: none.
    /// </summary>
    public string? AdminToken { get; set; }
}
