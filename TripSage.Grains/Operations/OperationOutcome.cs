namespace TripSage.Memory.Grains.Operations;

/// <summary>
/// How an operation ended, named once for both the <c>outcome</c> metric label and the audit
/// event's outcome, so the two always agree.
/// </summary>
internal static class OperationOutcome
{
    public const string Ok = "ok";
    public const string Error = "error";

    /// <summary>The store refused a write because another activation of the user wrote first (snapshot etag or journal sequence).</summary>
    public const string Conflict = "conflict";

    public static string Of(Exception? exception) => exception switch
    {
        null => Ok,
        MemoryValidationException => "invalid",
        MemoryNotFoundException => "not_found",
        SnapshotUnreadableException => "snapshot_unreadable",
        RateLimitExceededException => "rate_limited",
        AccessDeniedException => "denied",
        StoreUnavailableException => "store_unavailable",
        MemoryRejectedException => "rejected",
        Orleans.Storage.InconsistentStateException => Conflict,
        _ => Error,
    };
}
