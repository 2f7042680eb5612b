using TripSage.Memory.Cli.Arguments;

namespace TripSage.Memory.Tests.Unit.Cli;

public sealed class KeyValueArgumentTests
{
    [Fact]
    public void TryParse_KeyEqualsValue_ReturnsPair()
    {
        var parsed = KeyValueArgument.TryParse("--tag", ["city=paris", "kind=trip"], allowEmptyValue: false, out var values, out var error);

        Assert.True(parsed, error);
        Assert.Equal(new Dictionary<string, string> { ["city"] = "paris", ["kind"] = "trip" }, values);
    }

    [Fact]
    public void TryParse_ValueContainsEquals_KeepsEverythingAfterFirstEquals()
    {
        var parsed = KeyValueArgument.TryParse("--tag", ["query=a=b"], allowEmptyValue: false, out var values, out _);

        Assert.True(parsed);
        Assert.Equal("a=b", values!["query"]);
    }

    [Fact]
    public void TryParse_NoEquals_RejectedAsNotKeyValue()
    {
        var parsed = KeyValueArgument.TryParse("--tag", ["k"], allowEmptyValue: false, out _, out var error);

        Assert.False(parsed);
        Assert.Equal("--tag 'k' is not key=value", error);
    }

    [Fact]
    public void TryParse_NoKey_RejectedNamingMissingKey()
    {
        var parsed = KeyValueArgument.TryParse("--tag", ["=v"], allowEmptyValue: false, out _, out var error);

        Assert.False(parsed);
        Assert.Equal("--tag '=v' has no key before '='; expected key=value", error);
    }

    [Fact]
    public void TryParse_NoValue_RejectedNamingMissingValue()
    {
        var parsed = KeyValueArgument.TryParse("--tag", ["k="], allowEmptyValue: false, out _, out var error);

        Assert.False(parsed);
        Assert.Equal("--tag 'k=' has no value after '='; expected key=value", error);
    }

    [Fact]
    public void TryParse_NoValueWhereEmptyAllowed_ReturnsEmptyValue()
    {
        var parsed = KeyValueArgument.TryParse("--set", ["seat="], allowEmptyValue: true, out var values, out _);

        Assert.True(parsed);
        Assert.Equal(string.Empty, values!["seat"]);
    }

    [Fact]
    public void TryParse_SameKeyTwice_RejectedNamingKey()
    {
        var parsed = KeyValueArgument.TryParse("--tag", ["city=paris", "city=rome"], allowEmptyValue: false, out _, out var error);

        Assert.False(parsed);
        Assert.Equal("--tag key 'city' is given more than once", error);
    }
}
