namespace TripSage.Memory;

/// <summary>Keys of the values a caller passes with every grain call in the Orleans request context.</summary>
public static class MemoryRequestContext
{
    /// <summary>The caller's bearer token (a JWT), set by the client library.</summary>
    public const string BearerToken = "tripsage-token";
}
