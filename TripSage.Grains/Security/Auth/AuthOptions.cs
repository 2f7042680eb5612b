namespace TripSage.Memory.Grains.Security.Auth;

/// <summary>
/// How callers' bearer tokens (JWT) are validated (configuration section <c>TripSage:Auth</c>).
/// Configure an HS256 <see cref="SigningKey"/>, RS256 <see cref="RsaPublicKeys"/>, or both.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "TripSage:Auth";

    /// <summary>Required <c>iss</c> claim. Default <c>tripsage</c>.</summary>
    public string Issuer { get; set; } = MemoryTokens.DefaultIssuer;

    /// <summary>Required <c>aud</c> claim. Default <c>tripsage-memory</c>.</summary>
    public string Audience { get; set; } = MemoryTokens.DefaultAudience;

    /// <summary>HS256 shared secret, at least 32 bytes, in base64. In Development one is generated into the data folder.</summary>
    public string? SigningKey { get; set; }

    /// <summary>RS256 public keys in PEM, for tokens issued by an identity provider.</summary>
    public List<string> RsaPublicKeys { get; set; } = [];

    /// <summary>The scope that reaches every user's memory and admin-only operations. Default <c>tripsage.admin</c>.</summary>
    public string AdminScope { get; set; } = MemoryTokens.DefaultAdminScope;

    /// <summary>Tolerated clock difference when checking <c>exp</c> and <c>nbf</c>. Default 30 s.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most validated tokens a silo remembers (each until its own expiry), so repeated calls with
    /// one token skip the signature check. 0 validates every call. Default 10,000.
    /// </summary>
    public int MaxCachedTokens { get; set; } = 10_000;
}
