using TripSage.Memory.Grains;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Tests.Unit.Storage;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void EncryptionOptions_NoKeys_FailsNamingTheSetting()
    {
        var result = new SnapshotEncryptionOptionsValidator().Validate(null, new SnapshotEncryptionOptions());

        Assert.True(result.Failed);
        Assert.Contains("TripSage:Encryption:Keys", result.FailureMessage);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("AAAA")]
    [InlineData("not base64 at all!")]
    public void EncryptionOptions_KeyNot32Bytes_Fails(string key)
    {
        var options = new SnapshotEncryptionOptions { CurrentKeyId = "k1" };
        options.Keys["k1"] = key;

        var result = new SnapshotEncryptionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("exactly 32 bytes", result.FailureMessage);
    }

    [Fact]
    public void EncryptionOptions_CurrentKeyIdNotInTheRing_Fails()
    {
        var options = new SnapshotEncryptionOptions { CurrentKeyId = "k2" };
        options.Keys["k1"] = KeyRing.NewKey();

        var result = new SnapshotEncryptionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("'k2'", result.FailureMessage);
    }

    [Fact]
    public void EncryptionOptions_ValidRing_Succeeds()
    {
        var options = new SnapshotEncryptionOptions { CurrentKeyId = "k1" };
        options.Keys["k1"] = KeyRing.NewKey();

        Assert.True(new SnapshotEncryptionOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("localhost:6380", "/var/lib/tripsage/data-keys", "both set")]
    [InlineData(null, "relative/data-keys", "absolute folder path")]
    [InlineData("localhost:6380,ssl=maybe", null, "KeyStoreConnectionString is not a valid")]
    public void EncryptionOptions_BadKeyStore_FailsNamingTheSetting(string? connectionString, string? path, string expected)
    {
        var options = new SnapshotEncryptionOptions { CurrentKeyId = "k1", KeyStoreConnectionString = connectionString, KeyStorePath = path };
        options.Keys["k1"] = KeyRing.NewKey();

        var result = new SnapshotEncryptionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
    }

    [Fact]
    public void EncryptionOptions_CompactionTimeoutOutOfRange_FailsNamingTheOption()
    {
        var options = new SnapshotEncryptionOptions { CurrentKeyId = "k1", KeyStoreCompactionTimeout = TimeSpan.Zero };
        options.Keys["k1"] = KeyRing.NewKey();

        var result = new SnapshotEncryptionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("TripSage:Encryption:KeyStoreCompactionTimeout", result.FailureMessage);
    }

    [Fact]
    public void MemoryOptions_ZeroTextLimit_FailsNamingTheOption()
    {
        var result = new MemoryOptionsValidator().Validate(null, new MemoryOptions { MaxTextBytes = 0 });

        Assert.True(result.Failed);
        Assert.Contains("TripSage:Memory:MaxTextBytes", result.FailureMessage);
    }

    [Fact]
    public void MemoryOptions_Defaults_Succeed() =>
        Assert.True(new MemoryOptionsValidator().Validate(null, new MemoryOptions()).Succeeded);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("localhost,nosuchsetting=1")]
    public void StoreOptions_MissingOrBadConnectionString_Fails(string? connectionString)
    {
        var result = new StoreOptionsValidator().Validate(null, new StoreOptions { ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains("TripSage:Store:ConnectionString", result.FailureMessage);
    }
}
