using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Security.Auth;

namespace TripSage.Memory.Hosting.Http;

/// <summary>
/// Authenticates HTTP and MCP requests with the grid's bearer tokens, through the same
/// <see cref="CallerAuthenticator"/> the grain call filter uses: one set of rules, and a token that
/// validated here is a cache hit when the grain checks it again.
/// </summary>
internal sealed class GridBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CallerAuthenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";
    private const string NotBearer = "the Authorization header does not carry a bearer token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail(NotBearer);
        }

        var token = header[BearerPrefix.Length..].Trim();
        Caller caller;
        try
        {
            caller = await authenticator.AuthenticateAsync(token);
        }
        catch (AccessDeniedException denied)
        {
            return AuthenticateResult.Fail(denied.Reason);
        }

        var claims = new List<Claim> { new(GridBearer.SubjectClaim, caller.Subject) };
        claims.AddRange(caller.Scopes.Select(scope => new Claim(MemoryTokens.ScopeClaim, scope)));
        var identity = new ClaimsIdentity(claims, Scheme.Name, GridBearer.SubjectClaim, MemoryTokens.ScopeClaim);
        Context.Items[GridBearer.TokenItem] = token;
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>
    /// 401 with <c>WWW-Authenticate</c> (RFC 6750: <c>error="invalid_token"</c> only when a bearer token
    /// was sent and failed) and a problem document saying why.
    /// </summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var reason = result.Failure?.Message;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = reason is null or NotBearer
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{reason}\"";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: reason ?? "no bearer token was sent").ExecuteAsync(Context);
    }
}
