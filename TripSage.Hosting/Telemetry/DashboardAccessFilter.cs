using System.Security.Cryptography;
using System.Text;
using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;

namespace TripSage.Memory.Hosting.Telemetry;

/// <summary>
/// Guards the Orleans dashboard. Outside Development every request must present the admin token
/// (bearer header, the cookie this filter sets, or <c>?token=</c> once). Everywhere, the dashboard's
/// grain-state viewer is closed: it would show a user's decrypted memories to whoever opens it.
/// </summary>
internal sealed class DashboardAccessFilter(string? adminToken) : IEndpointFilter
{
    public const string CookieName = "tripsage-dashboard";
    public const string TokenQueryParameter = "token";
    private const string GrainStatePath = "/GrainState";
    private const string BearerPrefix = "Bearer ";

    private readonly byte[]? _tokenHash = adminToken is null ? null : Hash(adminToken);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Path.Value?.EndsWith(GrainStatePath, StringComparison.OrdinalIgnoreCase) == true)
        {
            return Results.Problem("The grain state viewer is closed: it would show users' memories.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (_tokenHash is null)
        {
            return await next(context);
        }

        if (Matches(BearerToken(http.Request)) || Matches(http.Request.Cookies[CookieName]))
        {
            return await next(context);
        }

        var fromQuery = http.Request.Query[TokenQueryParameter].ToString();
        if (Matches(fromQuery))
        {
            // The dashboard page fetches its data with relative requests that carry no header,
            // so the token travels on as a cookie scoped to the dashboard.
            http.Response.Cookies.Append(CookieName, fromQuery, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = http.Request.PathBase.Add(TripSageTelemetryExtensions.DashboardPath).Value,
            });
            return await next(context);
        }

        return Results.Unauthorized();
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
    }

    private bool Matches(string? presented) =>
        !string.IsNullOrEmpty(presented) && CryptographicOperations.FixedTimeEquals(Hash(presented), _tokenHash);

    // Comparing fixed-length hashes keeps the comparison's time independent of the token's length.
    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
