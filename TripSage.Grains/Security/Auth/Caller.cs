namespace TripSage.Memory.Grains.Security.Auth;

/// <summary>Who made a call, as established from their token.</summary>
public sealed record Caller(string Subject, IReadOnlyList<string> Scopes, bool IsAdmin)
{
    /// <summary>The grid itself, for work nobody called for (expiry).</summary>
    public static readonly Caller System = new("system", [], true);

    /// <summary>A caller whose token did not validate.</summary>
    public static readonly Caller Anonymous = new("anonymous", [], false);
}
