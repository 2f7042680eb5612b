using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Tests.Unit.Storage;

public sealed class JournalOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.True(new JournalOptionsValidator().Validate(null, new JournalOptions()).Succeeded);

    [Theory]
    [InlineData(0, 262_144, "TripSage:Journal:CompactAfterRecords")]
    [InlineData(1_000_001, 262_144, "TripSage:Journal:CompactAfterRecords")]
    [InlineData(1_000, 1023, "TripSage:Journal:CompactAfterBytes")]
    public void OutOfRange_FailsNamingTheSetting(int records, int bytes, string setting)
    {
        var result = new JournalOptionsValidator().Validate(null, new JournalOptions { CompactAfterRecords = records, CompactAfterBytes = bytes });

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage);
    }
}
