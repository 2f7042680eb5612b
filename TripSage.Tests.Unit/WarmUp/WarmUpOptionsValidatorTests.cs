using TripSage.Memory.Grains.WarmUp;

namespace TripSage.Memory.Tests.Unit.WarmUp;

public sealed class WarmUpOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new WarmUpOptionsValidator().Validate(null, new WarmUpOptions()).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(1_001)]
    public void Validate_RoundsOutOfRange_NamesTheOptionAndTheRange(int rounds)
    {
        var result = new WarmUpOptionsValidator().Validate(null, new WarmUpOptions { Rounds = rounds });

        Assert.False(result.Succeeded);
        Assert.Contains("TripSage:WarmUp:Rounds", result.FailureMessage);
        Assert.Contains("1 to 1000", result.FailureMessage);
    }
}
