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

    /// <summary>
    /// Requires an authenticated caller on every endpoint of <paramref name="builder"/> and forwards
    /// the caller's token to the grain calls its handlers make, where the grain call filter checks it
    /// against the user the call is for.
    /// </summary>
    public static TBuilder RequireGridBearer<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(Scheme);
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            // Set inside this async filter, the token flows to the handler's grain calls and no further.
            RequestContext.Set(MemoryRequestContext.BearerToken, invocation.HttpContext.BearerToken());
            return await next(invocation);
        });
        return builder;
    }
}
