using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TripSage.Memory.Client;

/// <summary>
/// Mints HS256 bearer tokens the grid accepts: for Development (signed with the key in
/// <see cref="DevelopmentSecretsFile"/>) and for tests. Production tokens come from an identity
/// provider, never from here.
/// </summary>
public static class MemoryTokenIssuer
{
    /// <summary>A signed token (compact JWT) for one user, or for an admin.</summary>
    /// <param name="signingKey">The HS256 key in base64, as the silo's <c>TripSage:Auth:SigningKey</c>.</param>
    /// <param name="subject">The user id the token speaks for.</param>
    /// <param name="notBefore">Start of validity (UTC), also its issue time.</param>
    /// <param name="expires">End of validity (UTC).</param>
    /// <param name="admin">Add the admin scope: the token reaches every user's memory.</param>
    /// <param name="issuer">Issuer claim; the silo accepts <see cref="MemoryTokens.DefaultIssuer"/> unless configured otherwise.</param>
    /// <param name="audience">Audience claim; the silo accepts <see cref="MemoryTokens.DefaultAudience"/> unless configured otherwise.</param>
    public static string Create(
        string signingKey,
        string subject,
        DateTime notBefore,
        DateTime expires,
        bool admin = false,
        string issuer = MemoryTokens.DefaultIssuer,
        string audience = MemoryTokens.DefaultAudience)
    {
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, subject) };
        if (admin)
        {
            claims.Add(new Claim(MemoryTokens.ScopeClaim, MemoryTokens.DefaultAdminScope));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Convert.FromBase64String(signingKey)),
                SecurityAlgorithms.HmacSha256),
        });
    }
}
