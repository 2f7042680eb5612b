using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Mcp;

/// <summary>
/// What an agent sees of the memory tools, whatever transport it reaches them by: each transport's
/// test class runs these tests with the SDK's own client.
/// </summary>
public abstract class McpToolContract(McpSiloFixture fixture)
{
    private static readonly string[] ToolNames =
    [
        "add_memory", "search_memories", "get_memories", "get_memory", "update_memory",
        "delete_memory", "delete_all_memories", "get_context", "set_preferences",
    ];

    protected McpSiloFixture Fixture { get; } = fixture;

    /// <summary>An MCP client session that carries <paramref name="token"/>.</summary>
    protected abstract Task<McpClient> ConnectAsync(string token);

    [Fact]
    public async Task ListTools_WithToken_ListsEveryToolWithAnnotationsAndSchemas()
    {
        await using var client = await ConnectAsync(Fixture.TokenFor(TestUsers.New()));

        var tools = (await client.ListToolsAsync()).Select(t => t.ProtocolTool).ToList();

        Assert.Equal(ToolNames.Order(), tools.Select(t => t.Name).Order());
        Assert.All(tools, tool =>
        {
            Assert.NotNull(tool.Annotations?.ReadOnlyHint);
            Assert.NotNull(tool.Annotations?.DestructiveHint);
            Assert.NotNull(tool.Annotations?.IdempotentHint);
            Assert.NotNull(tool.OutputSchema);
            Assert.False(tool.InputSchema.TryGetProperty("properties", out var properties) && properties.TryGetProperty("userId", out _), $"{tool.Name} takes a user id");
        });
        Assert.True(tools.Single(t => t.Name == "search_memories").Annotations!.ReadOnlyHint);
        Assert.True(tools.Single(t => t.Name == "delete_all_memories").Annotations!.DestructiveHint);
        Assert.False(tools.Single(t => t.Name == "add_memory").Annotations!.DestructiveHint);
    }

    [Fact]
    public async Task AddMemory_ThenSearchMemories_ReturnsTheMemory()
    {
        await using var client = await ConnectAsync(Fixture.TokenFor(TestUsers.New()));

        var added = await CallAsync(client, "add_memory", new() { ["text"] = "Prefers an aisle seat on long flights", ["category"] = "preference" });
        var found = await CallAsync(client, "search_memories", new() { ["query"] = "which seat on flights", ["limit"] = 3 });

        Assert.Equal("stored", added.GetProperty("status").GetString());
        var hit = Assert.Single(found.GetProperty("results").EnumerateArray()).GetProperty("memory");
        Assert.Equal(added.GetProperty("memoryId").GetString(), hit.GetProperty("id").GetString());
        Assert.Equal("Prefers an aisle seat on long flights", hit.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Tools_WithAlicesToken_NeverReachBobsMemory()
    {
        var bob = TestUsers.New("bob");
        await using var bobClient = await ConnectAsync(Fixture.TokenFor(bob));
        var bobsMemoryId = (await CallAsync(bobClient, "add_memory", new() { ["text"] = "Bob's passport number is kept at home" })).GetProperty("memoryId").GetString()!;
        await CallAsync(bobClient, "set_preferences", new() { ["preferences"] = new Dictionary<string, string> { ["seat"] = "window" } });
        await using var alice = await ConnectAsync(Fixture.TokenFor(TestUsers.New("alice")));

        // A user id argument is not one the tools take: it must change nothing about whose memory is used.
        var search = await CallAsync(alice, "search_memories", new() { ["query"] = "passport number", ["userId"] = bob });
        var list = await CallAsync(alice, "get_memories", new() { ["userId"] = bob });
        var context = await CallAsync(alice, "get_context", new() { ["userId"] = bob });
        var get = await CallRawAsync(alice, "get_memory", new() { ["memoryId"] = bobsMemoryId, ["userId"] = bob });
        var update = await CallRawAsync(alice, "update_memory", new() { ["memoryId"] = bobsMemoryId, ["text"] = "changed by alice" });
        var delete = await CallRawAsync(alice, "delete_memory", new() { ["memoryId"] = bobsMemoryId });
        await CallAsync(alice, "set_preferences", new() { ["preferences"] = new Dictionary<string, string> { ["seat"] = "aisle" }, ["userId"] = bob });
        var erase = await CallAsync(alice, "delete_all_memories", new() { ["confirm"] = true, ["userId"] = bob });

        Assert.Equal(0, search.GetProperty("count").GetInt32());
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Empty(context.GetProperty("sections").EnumerateArray());
        Assert.All([get, update, delete], result => Assert.Equal("not_found", ErrorOf(result)));
        Assert.Equal(0, erase.GetProperty("memoriesErased").GetInt32());
        var bobsMemory = await CallAsync(bobClient, "get_memory", new() { ["memoryId"] = bobsMemoryId });
        Assert.Equal("Bob's passport number is kept at home", bobsMemory.GetProperty("text").GetString());
        Assert.Equal(1, bobsMemory.GetProperty("version").GetInt32());
        var bobsContext = await CallAsync(bobClient, "get_context", new());
        Assert.Equal("window", bobsContext.GetProperty("preferences").GetProperty("seat").GetString());
    }

    [Fact]
    public async Task DeleteAllMemories_WithoutConfirmation_RefusesAndChangesNothing()
    {
        await using var client = await ConnectAsync(Fixture.TokenFor(TestUsers.New()));
        await CallAsync(client, "add_memory", new() { ["text"] = "Travels with a cello" });

        var unconfirmed = await CallRawAsync(client, "delete_all_memories", new() { ["confirm"] = false });
        var missing = await CallRawAsync(client, "delete_all_memories", new());

        Assert.Equal("invalid", ErrorOf(unconfirmed));
        Assert.StartsWith("Invalid argument confirm: false; allowed: true", TextOf(unconfirmed));
        Assert.Equal("invalid", ErrorOf(missing));
        Assert.Contains("confirm", TextOf(missing));
        Assert.Equal(1, (await CallAsync(client, "get_memories", new())).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AddMemory_BlankText_NamesTheArgumentAndStoresNothing()
    {
        await using var client = await ConnectAsync(Fixture.TokenFor(TestUsers.New()));

        var result = await CallRawAsync(client, "add_memory", new() { ["text"] = "   " });

        Assert.Equal("invalid", ErrorOf(result));
        Assert.StartsWith("Invalid argument text: blank;", TextOf(result));
        Assert.Equal(0, (await CallAsync(client, "get_memories", new())).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SearchMemories_LimitOfTheWrongType_NamesTheArgument()
    {
        await using var client = await ConnectAsync(Fixture.TokenFor(TestUsers.New()));

        var result = await CallRawAsync(client, "search_memories", new() { ["query"] = "seat", ["limit"] = "many" });

        Assert.Equal("invalid", ErrorOf(result));
        Assert.StartsWith("Invalid argument limit: a string given; allowed: integer.", TextOf(result));
    }

    [Fact]
    public async Task DeleteAllMemories_PastTheSensitiveLimit_SaysWhenToRetry()
    {
        await using var client = await ConnectAsync(Fixture.TokenFor(TestUsers.New()));
        await CallAsync(client, "delete_all_memories", new() { ["confirm"] = true });
        await CallAsync(client, "add_memory", new() { ["text"] = "Collects hotel soaps" });

        var limited = await CallRawAsync(client, "delete_all_memories", new() { ["confirm"] = true });

        Assert.Equal("rate_limited", ErrorOf(limited));
        Assert.True(limited.Meta!["retryAfterSeconds"]!.GetValue<double>() > 0);
        Assert.Contains("retry after", TextOf(limited));
        Assert.Equal(1, (await CallAsync(client, "get_memories", new())).GetProperty("total").GetInt32());
    }

    /// <summary>Calls a tool that must succeed and returns its structured content.</summary>
    protected static async Task<JsonElement> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await CallRawAsync(client, tool, arguments);
        Assert.False(result.IsError is true, $"{tool} failed: {TextOf(result)}");
        return Assert.IsType<JsonElement>(result.StructuredContent);
    }

    protected static Task<CallToolResult> CallRawAsync(McpClient client, string tool, Dictionary<string, object?> arguments) =>
        client.CallToolAsync(tool, arguments).AsTask();

    protected static string TextOf(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private static string? ErrorOf(CallToolResult result)
    {
        Assert.True(result.IsError, $"expected a tool error, got: {TextOf(result)}");
        return result.Meta?["error"]?.GetValue<string>();
    }
}
