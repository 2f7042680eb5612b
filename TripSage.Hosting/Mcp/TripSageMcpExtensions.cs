using ModelContextProtocol.AspNetCore;
using TripSage.Memory.Hosting.Http;
using TripSage.Memory.Mcp;

namespace TripSage.Memory.Hosting.Mcp;

/// <summary>
/// The MCP server at <c>/mcp</c> (streamable HTTP): bearer token required, every tool bound to the
/// token's user, every grain call made with the request's token, so the grain call filter applies the
/// same rules as to any other caller.
/// </summary>
internal static class TripSageMcpExtensions
{
    /// <summary>Where the MCP endpoint answers.</summary>
    public const string Path = "/mcp";

    /// <summary>
    /// Adds the memory tools over streamable HTTP, stateless: each request stands alone, so any silo
    /// behind a load balancer can answer it (no session affinity), and a request's tools run with that
    /// request's own token. The memory facade comes from <see cref="GridBearer.AddGridBearer"/>.
    /// </summary>
    public static IServiceCollection AddTripSageMcp(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped(CallerOfRequest);
        services.AddTripSageMemoryMcpServer().WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.Stateless);
        return services;
    }

    /// <summary>Maps <see cref="Path"/>; a request without a valid bearer token is answered 401 before MCP sees it.</summary>
    public static IEndpointConventionBuilder MapTripSageMcp(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMcp(Path).RequireGridBearer();

    /// <summary>The token's user, from the request the tools were called in (stateless: one request, one server).</summary>
    private static MemoryToolCaller CallerOfRequest(IServiceProvider services)
    {
        var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext
            ?? throw new InvalidOperationException("the MCP tools were called outside an HTTP request");
        var subject = http.User.FindFirst(GridBearer.SubjectClaim)?.Value
            ?? throw new InvalidOperationException("the MCP request was not authenticated with the grid's bearer scheme");
        return new MemoryToolCaller(subject, http.BearerToken());
    }
}
