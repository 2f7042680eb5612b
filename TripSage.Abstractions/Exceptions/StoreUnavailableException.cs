namespace TripSage.Memory;

/// <summary>
/// The memory store (Dragonfly, Redis or the embedded Garnet) did not answer: it is down,
/// unreachable or too slow. The call changed nothing — a write that fails this way was never
/// acknowledged and the user's memory is as it was before — so it is safe to retry once the store
/// is back.
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
    public StoreUnavailableException(string message)
        : base(message)
    {
    }
}
