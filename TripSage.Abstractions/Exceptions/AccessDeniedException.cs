namespace TripSage.Memory;

/// <summary>
/// The caller's bearer token is missing, invalid, expired, or does not grant access to this user's
/// memory, or the call is not one a caller outside the silo may make. Nothing was changed. A caller
/// that proved who it is but may not reach this user is recorded in the user's audit trail; a call
/// without a valid token is counted in the silo's security log instead, never in a user's trail.
/// </summary>
[GenerateSerializer]
public sealed class AccessDeniedException : Exception
{
    /// <summary>Creates the exception with the reason, which never contains the token itself.</summary>
    public AccessDeniedException(string reason)
        : base($"Access denied: {reason}")
    {
        Reason = reason;
    }

    /// <summary>Why access was denied.</summary>
    [Id(0)] public string Reason { get; }
}
