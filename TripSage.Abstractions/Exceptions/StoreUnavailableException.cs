namespace TripSage.Memory;

/// <summary>
/// The memory store (Dragonfly, Redis or the embedded Garnet) did not answer: it is down,
/// unreachable or too slow. A write that fails this way was never acknowledged. When the call never
/// reached the store (<see cref="OutcomeUnknown"/> is <see langword="false"/>) nothing changed and it is
/// safe to retry once the store is back; when the connection broke or timed out after the command was
/// sent, the change may or may not be stored.
/// </summary>
/// <remarks>
/// An <see cref="OrleansException"/>, so that Orleans passes it on unchanged when it stops a grain's
/// activation (its storage bridge wraps any other exception into a long message with server stack
/// frames): the caller gets this type and its short message, whether the call or the activation failed.
/// </remarks>
[GenerateSerializer]
public sealed class StoreUnavailableException : OrleansException
{
    /// <summary>Creates the exception; the message says what did not answer, never a server stack trace.</summary>
    /// <param name="message">What did not answer and what the caller can do.</param>
    /// <param name="outcomeUnknown">Whether the store may have run the call's write before it stopped answering.</param>
    public StoreUnavailableException(string message, bool outcomeUnknown = false)
        : base(message)
    {
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>
    /// <see langword="true"/> when the store may have run the call's write before the connection broke or the
    /// answer timed out: the change may or may not be stored, so look before repeating anything but a remember
    /// (whose idempotency keys make a retry safe). <see langword="false"/> when the call never reached the store:
    /// nothing changed.
    /// </summary>
    [Id(0)] public bool OutcomeUnknown { get; }
}
