using Microsoft.IdentityModel.Tokens;

namespace TripSage.Memory.Grains.Security.Auth;

/// <summary>
/// Why a bearer token was refused: <see cref="Code"/> is one of a small closed set (a metric label and
/// a log field), <see cref="Reason"/> what the caller is told. Neither ever holds the token.
/// </summary>
internal sealed record AuthenticationFailure(string Code, string Reason)
{
    public static readonly AuthenticationFailure Missing = new("missing", "no bearer token was sent");

    public static readonly AuthenticationFailure NoSubject = new("no_subject", "the token has no subject (sub)");

    /// <summary>The failure for what the token handler reported.</summary>
    public static AuthenticationFailure Of(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => new("expired", "the token has expired"),
        SecurityTokenNotYetValidException => new("not_yet_valid", "the token is not valid yet"),
        SecurityTokenInvalidAudienceException => new("audience", "the token is for the wrong audience"),
        SecurityTokenInvalidIssuerException => new("issuer", "the token is from the wrong issuer"),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => new("signature", "the token's signature does not verify"),
        SecurityTokenNoExpirationException => new("no_expiry", "the token has no expiry"),
        SecurityTokenMalformedException => new("malformed", "the token is not a well-formed JWT"),
        _ => new("invalid", "the token is not valid"),
    };
}
