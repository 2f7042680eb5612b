namespace TripSage.Memory;

/// <summary>
/// A user's stored snapshot could not be decrypted or authenticated: it was altered, copied from
/// another user, or the key ring lacks the key it was written with. The user's memory stays
/// unavailable and the stored snapshot is left untouched until an operator fixes the key ring
/// or the store.
/// </summary>
[GenerateSerializer]
public sealed class SnapshotUnreadableException : Exception
{
    /// <summary>Creates the exception with a message that says what to fix.</summary>
    public SnapshotUnreadableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
