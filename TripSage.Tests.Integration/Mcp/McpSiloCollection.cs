namespace TripSage.Memory.Tests.Integration.Mcp;

/// <summary>The MCP tests over HTTP and over stdio share one silo host.</summary>
[CollectionDefinition(Name)]
public sealed class McpSiloCollection : ICollectionFixture<McpSiloFixture>
{
    public const string Name = "MCP silo";
}
