namespace TripSage.Memory;

/// <summary>
/// The memory store (Dragonfly, Redis or the embedded Garnet) did not answer: it is down,
/// unreachable or too slow. The call changed nothing — a write that fails this way was never
/// acknowledged and the user's memory is as it was before — so it is safe to retry once the store
/// is back.
/// </summary>
[GenerateSerializer]
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception; the message says what did not answer, never a server stack trace.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }
}
