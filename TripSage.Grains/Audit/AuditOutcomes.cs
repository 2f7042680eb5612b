namespace TripSage.Memory.Grains.Audit;

/// <summary>The outcomes an audit event records, derived from how the call ended.</summary>
internal static class AuditOutcomes
{
    public const string Ok = "ok";

    public static string Of(Exception exception) => exception switch
    {
        AccessDeniedException => "denied",
        RateLimitExceededException => "rate_limited",
        MemoryValidationException => "invalid",
        MemoryNotFoundException => "not_found",
        _ when exception.GetType().Name == "MemoryRejectedException" => "rejected",
        _ => "error",
    };
}
