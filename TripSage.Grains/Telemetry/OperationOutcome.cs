namespace TripSage.Memory.Grains.Telemetry;

/// <summary>
/// The <c>outcome</c> label of an operation, derived from how it ended. Exceptions are matched by
/// type name, so that outcomes of exception types added by other areas (rate limits, access
/// control, content policy) are named correctly without this code depending on them.
/// </summary>
internal static class OperationOutcome
{
    public const string Ok = "ok";
    public const string Error = "error";

    /// <summary>The snapshot store refused a write because another activation wrote first (etag mismatch).</summary>
    public const string Conflict = "conflict";

    private static readonly IReadOnlyDictionary<string, string> ByExceptionName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MemoryValidationException"] = "invalid",
        ["MemoryNotFoundException"] = "not_found",
        ["SnapshotUnreadableException"] = "snapshot_unreadable",
        ["RateLimitExceededException"] = "rate_limited",
        ["AccessDeniedException"] = "denied",
        ["MemoryRejectedException"] = "rejected",
    };

    public static string Of(Exception? exception) => exception switch
    {
        null => Ok,
        _ when ByExceptionName.TryGetValue(exception.GetType().Name, out var outcome) => outcome,
        _ => Error,
    };
}
