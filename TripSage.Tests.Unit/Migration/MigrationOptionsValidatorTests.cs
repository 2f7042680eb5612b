using TripSage.Memory.Grains.Migration;

namespace TripSage.Memory.Tests.Unit.Migration;

public sealed class MigrationOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_SucceedWithoutAMigration()
    {
        var options = new MigrationOptions();

        Assert.True(new MigrationOptionsValidator().Validate(null, options).Succeeded);
        Assert.False(options.Migrating);
    }

    [Fact]
    public void Validate_UnparsableTarget_FailsNamingTheSetting()
    {
        var result = new MigrationOptionsValidator().Validate(null, new MigrationOptions { Target = { ConnectionString = "localhost:6379,nonsense=1" } });

        Assert.True(result.Failed);
        Assert.Contains("TripSage:Migration:Target:ConnectionString", result.FailureMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    public void Validate_BadTargetPrefix_FailsNamingTheSetting(string prefix)
    {
        var result = new MigrationOptionsValidator().Validate(null, new MigrationOptions { Target = { ConnectionString = "localhost:6379", KeyPrefix = prefix } });

        Assert.True(result.Failed);
        Assert.Contains("TripSage:Migration:Target:KeyPrefix", result.FailureMessage);
    }

    [Fact]
    public void Validate_RefreshTooShort_FailsNamingTheSetting()
    {
        var result = new MigrationOptionsValidator().Validate(null, new MigrationOptions { RefreshInterval = TimeSpan.FromMilliseconds(10) });

        Assert.True(result.Failed);
        Assert.Contains("TripSage:Migration:RefreshInterval", result.FailureMessage);
    }
}
