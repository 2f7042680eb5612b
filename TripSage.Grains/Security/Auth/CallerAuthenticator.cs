using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TripSage.Memory.Grains.Security.Auth;

/// <summary>
/// Validates a caller's bearer token (signature, issuer, audience, lifetime) and decides whether it
/// reaches a user's memory: its own user (<c>sub</c> equals the user id) or any user with the admin scope.
/// </summary>
internal sealed class CallerAuthenticator
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly string _adminScope;

    public CallerAuthenticator(IOptions<AuthOptions> options)
    {
        var value = options.Value;
        var keys = new List<SecurityKey>();
        if (!string.IsNullOrEmpty(value.SigningKey))
        {
            keys.Add(new SymmetricSecurityKey(Convert.FromBase64String(value.SigningKey)));
        }

        foreach (var pem in value.RsaPublicKeys)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            keys.Add(new RsaSecurityKey(rsa));
        }

        _adminScope = value.AdminScope;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = value.Issuer,
            ValidAudience = value.Audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = value.ClockSkew,
        };
    }

    /// <summary>Validates the token and says who it belongs to.</summary>
    /// <exception cref="AccessDeniedException">The token is missing or invalid.</exception>
    public async Task<Caller> AuthenticateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new AccessDeniedException("no bearer token was sent");
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            throw new AccessDeniedException(Describe(result.Exception));
        }

        var subject = result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub) ? sub as string : null;
        if (string.IsNullOrEmpty(subject))
        {
            throw new AccessDeniedException("the token has no subject (sub)");
        }

        var scopes = result.Claims.TryGetValue("scope", out var scope) && scope is string list
            ? list.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
        return new Caller(subject, scopes, scopes.Contains(_adminScope, StringComparer.Ordinal));
    }

    /// <summary>Lets a caller reach only its own user's memory, unless it holds the admin scope.</summary>
    /// <exception cref="AccessDeniedException">The caller may not run this operation on this user.</exception>
    public void Authorize(Caller caller, string userId, bool adminOnly)
    {
        if (adminOnly && !caller.IsAdmin)
        {
            throw new AccessDeniedException($"this operation needs the {_adminScope} scope");
        }

        if (!caller.IsAdmin && !string.Equals(caller.Subject, userId, StringComparison.Ordinal))
        {
            throw new AccessDeniedException("the token belongs to another user");
        }
    }

    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "the token is from another issuer",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not verify",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenMalformedException => "the token is not a well-formed JWT",
        _ => "the token is not valid",
    };
}
