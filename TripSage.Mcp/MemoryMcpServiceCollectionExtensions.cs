using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace TripSage.Memory.Mcp;

/// <summary>The grid's MCP server, whatever transport serves it.</summary>
public static class MemoryMcpServiceCollectionExtensions
{
    /// <summary>The name the server gives itself to MCP clients.</summary>
    public const string ServerName = "tripsage-memory";

    /// <summary>
    /// Adds an MCP server with the memory tools. The host adds a transport, and registers the
    /// <see cref="TripSage.Memory.Client.IMemoryClient"/> the tools call and the <see cref="MemoryToolCaller"/>
    /// whose memory they work on.
    /// </summary>
    public static IMcpServerBuilder AddTripSageMemoryMcpServer(this IServiceCollection services) =>
        services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation
                {
                    Name = ServerName,
                    Title = "TripSage memory",
                    Version = typeof(MemoryTools).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
                };
                options.ServerInstructions =
                    "Long-term memory of the user this token belongs to. Search it (search_memories) or read the context (get_context) "
                    + "before answering; remember what the user tells you that will matter later (add_memory). "
                    + "Every tool works on this user only. delete_all_memories erases everything and needs confirm=true.";
            })
            .WithTools<MemoryTools>()
            .WithRequestFilters(filters => filters.AddCallToolFilter(MemoryToolErrors.Filter));
}
