using TripSage.Memory.Client;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>Bearer tokens for tests, signed with the test clusters' HS256 key (or any other, to test rejections).</summary>
public static class TestTokens
{
    /// <summary>The signing key every test cluster validates with.</summary>
    public static readonly string SigningKey = KeyRing.NewKey();

    private static readonly Lazy<string> AdminToken = new(() => For("test-admin", admin: true, lifetime: TimeSpan.FromDays(1)));

    /// <summary>A token with the admin scope, which the test clusters' client sends unless a test sets another.</summary>
    public static string Admin => AdminToken.Value;

    public static string For(
        string subject,
        bool admin = false,
        TimeSpan? lifetime = null,
        string? signingKey = null,
        string audience = MemoryTokens.DefaultAudience,
        string issuer = MemoryTokens.DefaultIssuer,
        DateTime? expires = null)
    {
        var end = expires ?? DateTime.UtcNow + (lifetime ?? TimeSpan.FromHours(1));

        // Valid from a little before now; an already expired token was valid for a while before it expired.
        var start = end < DateTime.UtcNow ? end.AddHours(-2) : DateTime.UtcNow.AddMinutes(-5);
        return MemoryTokenIssuer.Create(signingKey ?? SigningKey, subject, start, end, admin, issuer, audience);
    }

    /// <summary>A user's token signed with the key a Development silo generated into <paramref name="dataPath"/>.</summary>
    public static string ForDevelopmentSilo(string dataPath, string subject) =>
        For(subject, signingKey: DevelopmentSecretsFile.Read(DevelopmentSecretsFile.PathIn(dataPath)).TokenSigningKey);

    /// <summary>Runs <paramref name="call"/> with <paramref name="token"/> as the caller's token ("" for none).</summary>
    public static async Task<T> As<T>(string token, Func<Task<T>> call)
    {
        RequestContext.Set(MemoryRequestContext.BearerToken, token);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(MemoryRequestContext.BearerToken);
        }
    }
}
