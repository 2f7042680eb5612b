namespace TripSage.Memory;

/// <summary>
/// The grid did not answer a call: no gateway could be reached, the silo holding the user's memory
/// went away while the call was in flight, the call was rejected on its way, or no answer came within
/// the client's response timeout. The client has already retried the calls that are safe to retry
/// (reads, and remembers, which carry idempotency keys) before throwing this.
/// </summary>
/// <remarks>
/// The message is short and carries no server stack trace; the Orleans exception it replaces is the
/// inner exception, for logs.
/// </remarks>
[GenerateSerializer]
public sealed class GridUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The operation that failed, such as <c>remember</c>.</param>
    /// <param name="outcomeUnknown">Whether the call may have reached the user's memory and changed it.</param>
    /// <param name="attempts">How many times the client sent the call.</param>
    /// <param name="innerException">The transport failure, for logs.</param>
    public GridUnavailableException(string operation, bool outcomeUnknown, int attempts, Exception? innerException = null)
        : base(
            outcomeUnknown
                ? $"The memory grid did not answer {operation} after {attempts} attempt(s); the change may or may not have been made."
                : $"The memory grid could not be reached for {operation} after {attempts} attempt(s); nothing was changed.",
            innerException)
    {
        Operation = operation;
        OutcomeUnknown = outcomeUnknown;
        Attempts = attempts;
    }

    /// <summary>The operation that failed, such as <c>remember</c> or <c>search</c>.</summary>
    [Id(0)] public string Operation { get; }

    /// <summary>
    /// <see langword="true"/> when the call may have reached the user's memory (it timed out, or its silo
    /// went away while it was in flight): a write may or may not have been made, so look before retrying
    /// it. <see langword="false"/> when the call was refused before it reached the memory: nothing changed
    /// and it is safe to retry.
    /// </summary>
    [Id(1)] public bool OutcomeUnknown { get; }

    /// <summary>How many times the client sent the call (1 when it is not safe to retry).</summary>
    [Id(2)] public int Attempts { get; }
}
