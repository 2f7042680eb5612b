using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TripSage.Memory.Grains.Security.Auth;

/// <summary>
/// Validates a caller's bearer token (signature, issuer, audience, lifetime) and decides whether it
/// reaches a user's memory: its own user (<c>sub</c> equals the user id) or any user with the admin scope.
/// A token that validated is remembered until it expires (<see cref="ValidatedTokenCache"/>), so a
/// caller's repeated calls cost a hash, not a signature check; when the keys change (configuration
/// reload) everything remembered is forgotten.
/// </summary>
public sealed class CallerAuthenticator
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TimeProvider _clock;
    private readonly IOptionsMonitor<AuthOptions> _options;
    private readonly Lazy<ValidatedTokenCache> _cache;
    private volatile Settings? _current;

    /// <param name="options">The token settings; a reload replaces the keys and empties the cache.</param>
    /// <param name="clock">
    /// The time tokens are checked against. The real clock by default, deliberately not the memory
    /// clock: token lifetimes are real time even where tests move memory time.
    /// </param>
    public CallerAuthenticator(IOptionsMonitor<AuthOptions> options, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _options = options;

        // Options are read at first use, not here: the silo builds its call filters (and so this)
        // before the host validates every option at start, which must report all bad settings at once.
        _cache = new Lazy<ValidatedTokenCache>(() => new ValidatedTokenCache(options.CurrentValue.MaxCachedTokens));
        options.OnChange(changed =>
        {
            _current = Build(changed, _clock);
            Validated.Clear();
        });
    }

    private ValidatedTokenCache Validated => _cache.Value;

    private Settings Current => _current ??= Build(_options.CurrentValue, _clock);

    /// <summary>How many validated tokens are remembered now.</summary>
    public int CachedTokens => Validated.Count;

    private static Settings Build(AuthOptions value, TimeProvider clock)
    {
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

        return new Settings(value.AdminScope, new TokenValidationParameters
        {
            ValidIssuer = value.Issuer,
            ValidAudience = value.Audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = value.ClockSkew,

            // Lifetimes are checked against the same clock as the cache, so the two never disagree.
            LifetimeValidator = (notBefore, expires, _, parameters) => CheckLifetime(notBefore, expires, parameters.ClockSkew, clock.GetUtcNow().UtcDateTime),
        });
    }

    private static bool CheckLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew, DateTime now)
    {
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("the token has no expiry");
        }

        if (notBefore is { } start && start > now + skew)
        {
            throw new SecurityTokenNotYetValidException("the token is not valid yet") { NotBefore = start };
        }

        if (expires.Value < now - skew)
        {
            throw new SecurityTokenExpiredException("the token has expired") { Expires = expires.Value };
        }

        return true;
    }

    /// <summary>Validates the token and says who it belongs to.</summary>
    /// <exception cref="AccessDeniedException">The token is missing or invalid.</exception>
    public async Task<Caller> AuthenticateAsync(string? token)
    {
        var (caller, failure) = await TryAuthenticateAsync(token);
        return caller ?? throw new AccessDeniedException(failure!.Reason);
    }

    /// <summary>
    /// Validates the token without throwing: the caller, or why the token was refused (a code from a
    /// small closed set, fit for a metric label, and the reason the caller is told).
    /// </summary>
    internal async Task<(Caller? Caller, AuthenticationFailure? Failure)> TryAuthenticateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, AuthenticationFailure.Missing);
        }

        var settings = Current;
        var key = ValidatedTokenCache.KeyOf(token);
        if (Validated.TryGet(key, _clock.GetUtcNow(), out var known))
        {
            return (known, null);
        }

        var result = await _handler.ValidateTokenAsync(token, settings.Parameters);
        if (!result.IsValid)
        {
            return (null, AuthenticationFailure.Of(result.Exception));
        }

        var subject = result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub) ? sub as string : null;
        if (string.IsNullOrEmpty(subject))
        {
            return (null, AuthenticationFailure.NoSubject);
        }

        var scopes = result.Claims.TryGetValue(MemoryTokens.ScopeClaim, out var scope) && scope is string list
            ? list.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
        var caller = new Caller(subject, scopes, scopes.Contains(settings.AdminScope, StringComparer.Ordinal));

        // Only while the keys that validated it are still the ones in force.
        if (ReferenceEquals(settings, Current))
        {
            Validated.Add(key, caller, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero), _clock.GetUtcNow());
        }

        return (caller, null);
    }

    /// <summary>Lets a caller reach only its own user's memory, unless it holds the admin scope.</summary>
    /// <exception cref="AccessDeniedException">The caller may not run this operation on this user.</exception>
    public void Authorize(Caller caller, string userId, bool adminOnly)
    {
        if (adminOnly && !caller.IsAdmin)
        {
            throw new AccessDeniedException($"this operation needs the {Current.AdminScope} scope");
        }

        if (!caller.IsAdmin && !string.Equals(caller.Subject, userId, StringComparison.Ordinal))
        {
            throw new AccessDeniedException("the token belongs to another user");
        }
    }

    private sealed record Settings(string AdminScope, TokenValidationParameters Parameters);
}
