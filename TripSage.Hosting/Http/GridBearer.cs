using Microsoft.AspNetCore.Authentication;

namespace TripSage.Memory.Hosting.Http;

/// <summary>The grid's bearer-token authentication for HTTP and MCP requests.</summary>
internal static class GridBearer
{
    /// <summary>The authentication scheme, and the authorization policy that requires it.</summary>
    public const string Scheme = "GridBearer";

    /// <summary>The claim that names the token's user.</summary>
    public const string SubjectClaim = "sub";

    /// <summary>Where the validated raw token is kept for the request, to forward it to the grain.</summary>
    public const string TokenItem = "TripSage.BearerToken";

    /// <summary>
    /// Registers the scheme as the default one, a policy named <see cref="Scheme"/> that requires an
    /// authenticated caller, and the memory facade HTTP and MCP handlers call.
    /// </summary>
    public static IServiceCollection AddGridBearer(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, GridBearerHandler>(Scheme, configureOptions: null);
        services.AddAuthorizationBuilder().AddPolicy(Scheme, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        services.AddTripSageMemoryFacade();
        return services;
    }

    /// <summary>The raw bearer token of an authenticated request.</summary>
    /// <exception cref="InvalidOperationException">The request was not authenticated with <see cref="Scheme"/>.</exception>
    public static string BearerToken(this HttpContext context) =>
        context.Items[TokenItem] as string ?? throw new InvalidOperationException("the request was not authenticated with the grid's bearer scheme");

    /// <summary>The token's user: the <c>sub</c> claim of an authenticated request.</summary>
    /// <exception cref="InvalidOperationException">The request was not authenticated with <see cref="Scheme"/>.</exception>
    public static string Subject(this HttpContext context) =>
        context.User.FindFirst(SubjectClaim)?.Value ?? throw new InvalidOperationException("the request was not authenticated with the grid's bearer scheme");

    /// <summary>
    /// Requires an authenticated caller on every endpoint of <paramref name="builder"/> and forwards
    /// the caller's token to the grain calls its handlers make, where the grain call filter checks it
    /// against the user the call is for. Works for any endpoint (minimal API handlers and plain request
    /// delegates such as the MCP transport's) once <see cref="UseGridBearer"/> is in the pipeline.
    /// </summary>
    public static TBuilder RequireGridBearer<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(Scheme);
        builder.WithMetadata(ForwardsToken.Instance);
        return builder;
    }

    /// <summary>
    /// Puts the authenticated caller's token into the Orleans request context for the rest of the
    /// request, on endpoints marked by <see cref="RequireGridBearer"/>. Runs after authorization (which
    /// the host places right after routing), so it only ever sees authenticated callers there.
    /// </summary>
    public static IApplicationBuilder UseGridBearer(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ForwardsToken>() is not null && context.Items[TokenItem] is string token)
        {
            // Set inside this async method, the value flows into the endpoint and the grain calls it
            // makes, and is gone when the method returns.
            RequestContext.Set(MemoryRequestContext.BearerToken, token);
        }

        await next(context);
    });

    /// <summary>Marks an endpoint whose caller's token goes with its grain calls.</summary>
    private sealed class ForwardsToken
    {
        public static readonly ForwardsToken Instance = new();
    }
}
