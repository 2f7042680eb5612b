using TripSage.Memory.Mcp;

namespace TripSage.Memory.Tests.Unit.Mcp;

public sealed class ArgumentNamesTests
{
    private static readonly ArgumentNames SearchArguments = new(("query.text", "query"), ("query.top", "limit"), ("query.", ""));

    [Theory]
    [InlineData("query.text", "query")]
    [InlineData("query.top", "limit")]
    [InlineData("query.tags[trip]", "tags[trip]")]
    [InlineData("memoryId", "memoryId")]
    public void Of_AGridField_IsTheToolArgument(string field, string argument) =>
        Assert.Equal(argument, SearchArguments.Of(field));

    [Fact]
    public void Reword_AMessageStartingWithTheField_StartsWithTheArgument() =>
        Assert.Equal("limit: 0 is out of range; allowed: 1 to 100.", SearchArguments.Reword("query.top", "query.top: 0 is out of range; allowed: 1 to 100."));
}
