using TripSage.Memory.Grains.Security.RateLimiting;

namespace TripSage.Memory.Grains.Security.Admission;

/// <summary>
/// What the silo-wide admission rule allows callers that fail to authenticate (configuration section
/// <c>TripSage:Admission</c>).
/// </summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "TripSage:Admission";

    /// <summary>
    /// Failed authentications allowed per gateway client (its client id), as a token bucket; once it
    /// is empty that client's calls are refused with <see cref="RateLimitExceededException"/> without
    /// their token being checked. Default: bursts of 20, 20 a minute.
    /// </summary>
    public BucketOptions FailedAuthentications { get; set; } = new() { Capacity = 20, TokensPerMinute = 20 };

    /// <summary>
    /// Gateway clients whose failed authentications are tracked at once; beyond that, clients seen for the
    /// first time share one bucket. Default 10,000 (about 1 MB).
    /// </summary>
    public int MaxTrackedSources { get; set; } = 10_000;

    /// <summary>
    /// Longest gap between the security log's lines about refused calls: refusals are counted at once
    /// and logged as one aggregated line at most this often. Default <c>00:01:00</c>.
    /// </summary>
    public TimeSpan RefusalLogInterval { get; set; } = TimeSpan.FromMinutes(1);
}
