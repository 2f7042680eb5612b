namespace TripSage.Memory;

/// <summary>
/// The user's token bucket for this class of operation is empty. Nothing was changed; the call
/// may be retried after <see cref="RetryAfter"/>.
/// </summary>
[GenerateSerializer]
public sealed class RateLimitExceededException : Exception
{
    /// <summary>Creates the exception for an operation class and the wait until a token is available.</summary>
    public RateLimitExceededException(string operationClass, TimeSpan retryAfter)
        : base($"Rate limit for {operationClass} operations reached; retry after {retryAfter.TotalSeconds:0.###} s.")
    {
        OperationClass = operationClass;
        RetryAfter = retryAfter;
    }

    /// <summary>The class of operation that was limited: read, search, write or sensitive.</summary>
    [Id(0)] public string OperationClass { get; }

    /// <summary>How long until the call can succeed.</summary>
    [Id(1)] public TimeSpan RetryAfter { get; }
}
