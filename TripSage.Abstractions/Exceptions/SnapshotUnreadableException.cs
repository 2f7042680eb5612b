namespace TripSage.Memory;

/// <summary>
/// A user's stored snapshot could not be decrypted or authenticated: it was altered, copied from
/// another user, or the key ring lacks the key it was written with. The user's memory stays
/// unavailable and the stored snapshot is left untouched until an operator fixes the key ring
/// or the store.
/// </summary>
/// <remarks>
/// An <see cref="OrleansException"/>, so that Orleans passes it on unchanged when it stops a grain's
/// activation (its storage bridge wraps any other exception into a long message with server stack
/// frames): the caller gets this type and its short message, whether the call or the activation failed.
/// </remarks>
[GenerateSerializer]
public sealed class SnapshotUnreadableException : OrleansException
{
    /// <summary>Creates the exception with a message that says what to fix.</summary>
    public SnapshotUnreadableException(string message, Exception? innerException = null)
        // Exception itself takes a null inner exception; OrleansException only does not say so.
        : base(message, innerException!)
    {
    }
}
