namespace TripSage.Memory;

/// <summary>
/// The caller's bearer token is missing, invalid, expired, or does not grant access to this user's
/// memory. Nothing was changed; the denial was recorded in the user's audit trail.
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
