using System.Text.Json;
using ModelContextProtocol.Protocol;
using TripSage.Memory.Mcp;

namespace TripSage.Memory.Tests.Unit.Mcp;

public sealed class ArgumentTypesTests
{
    private static readonly Tool Search = new()
    {
        Name = "search_memories",
        InputSchema = JsonDocument.Parse("""{"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer"},"category":{"type":["string","null"]}}}""").RootElement,
    };

    [Theory]
    [InlineData("""{"query":"seat","limit":"many"}""", "limit: a string given; allowed: integer")]
    [InlineData("""{"query":"seat","limit":2.5}""", "limit: a number that is not a 32-bit integer given; allowed: integer")]
    [InlineData("""{"query":42}""", "query: an integer given; allowed: string")]
    [InlineData("""{"query":"seat","category":true}""", "category: a boolean given; allowed: string or null")]
    public void Mistyped_AnArgumentTheSchemaDoesNotAllow_IsNamedWithWhatItAllows(string arguments, string expected) =>
        Assert.Equal(expected, ArgumentTypes.Mistyped(Call(arguments), Search));

    [Theory]
    [InlineData("""{"query":"seat","limit":3,"category":null}""")]
    [InlineData("""{"query":"seat","userId":"bob"}""")]
    public void Mistyped_ArgumentsTheSchemaAllowsOrDoesNotName_IsNull(string arguments) =>
        Assert.Null(ArgumentTypes.Mistyped(Call(arguments), Search));

    private static CallToolRequestParams Call(string arguments) => new()
    {
        Name = Search.Name,
        Arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(arguments),
    };
}
