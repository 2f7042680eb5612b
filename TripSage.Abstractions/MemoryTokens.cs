namespace TripSage.Memory;

/// <summary>What the grid expects of a caller's bearer token unless configured otherwise.</summary>
public static class MemoryTokens
{
    /// <summary>Default <c>iss</c> claim.</summary>
    public const string DefaultIssuer = "tripsage";

    /// <summary>Default <c>aud</c> claim.</summary>
    public const string DefaultAudience = "tripsage-memory";

    /// <summary>The claim scopes are read from, space-separated (OAuth 2.0, RFC 8693): <c>scope</c>.</summary>
    public const string ScopeClaim = "scope";

    /// <summary>The scope (in the space-separated <c>scope</c> claim) that reaches every user's memory.</summary>
    public const string DefaultAdminScope = "tripsage.admin";
}
