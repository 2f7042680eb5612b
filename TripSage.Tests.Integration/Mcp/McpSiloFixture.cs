using TripSage.Memory.Hosting;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Mcp;

/// <summary>
/// One Development silo host (embedded Garnet, free loopback ports) for the MCP tests, which give every
/// test its own users. Erase, a sensitive operation, is limited to one call per user, so a second
/// erase shows the rate limit an agent sees.
/// </summary>
public sealed class McpSiloFixture : IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-mcp-").FullName;
    private InProcessSilo? _silo;

    public InProcessSilo Silo => _silo ?? throw new InvalidOperationException("the silo has not started");

    /// <summary>The streamable HTTP MCP endpoint.</summary>
    public Uri McpEndpoint => new(Silo.HttpAddress, "/mcp");

    /// <summary>The gateway the CLI's stdio server connects to.</summary>
    public string Gateway => $"127.0.0.1:{Silo.GatewayPort}";

    /// <summary>A token for <paramref name="userId"/> that this silo accepts.</summary>
    public string TokenFor(string userId) => TestTokens.ForDevelopmentSilo(_dataPath, userId);

    public async Task InitializeAsync() => _silo = await InProcessSilo.StartDevelopmentAsync(_dataPath, new Dictionary<string, string?>
    {
        ["TripSage:RateLimits:Sensitive:Capacity"] = "1",
    });

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Directory.Delete(_dataPath, recursive: true);
    }
}
