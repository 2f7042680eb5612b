using Orleans.Persistence.Redis;
using StackExchange.Redis;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Tests.Unit.Storage;

/// <summary>
/// The failures are built in the shapes the store's stack produces them: the Redis client's exception, the
/// Orleans Redis provider's <see cref="RedisStorageException"/> around it (on writes with the client's
/// exception flattened into its message), and the Orleans storage bridge's <see cref="OrleansException"/>
/// around that.
/// </summary>
public sealed class StoreFailureTests
{
    private const string Loading = "LOADING Redis is loading the dataset in memory";

    [Fact]
    public void Translate_BridgeWrappedWriteFailureWhileTheStoreLoadsItsData_IsTheTypedShortError()
    {
        var provider = new RedisStorageException($"Failed to write grain state for usermemory grain with ID: usermemory/alice with redis key tripsage/state/usermemory/alice. StackExchange.Redis.RedisServerException: {Loading}");
        var bridge = new OrleansException("Error from storage provider RedisGrainStorage.memory during WriteStateAsync for grain usermemory/alice", provider);

        var typed = StoreFailure.Translate(bridge);

        Assert.NotNull(typed);
        Assert.DoesNotContain("alice", typed.Message);
        Assert.True(typed.Message.Length < 200, typed.Message);
    }

    [Fact]
    public void Translate_ReadFailureWhileTheStoreLoadsItsData_IsTheTypedError()
    {
        var provider = new RedisStorageException("Failed to read grain state for usermemory grain with id usermemory/alice and storage key tripsage/state/usermemory/alice.", new RedisServerException(Loading));

        Assert.NotNull(StoreFailure.Translate(new OrleansException("Error from storage provider", provider)));
    }

    [Fact]
    public void Translate_ConnectionFailureFromAnActivationRead_IsTheTypedError() =>
        Assert.NotNull(StoreFailure.Translate(new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connection is active/available to service this operation")));

    [Theory]
    [InlineData("ERR unknown command 'XADD'")]
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value")]
    public void Translate_StoreErrorThatRetryingCannotFix_IsLeftAsItIs(string reply)
    {
        Assert.Null(StoreFailure.Translate(new RedisServerException(reply)));
        Assert.Null(StoreFailure.Translate(new RedisStorageException($"Failed to write grain state. StackExchange.Redis.RedisServerException: {reply}")));
    }

    [Fact]
    public void Translate_UnreadableSnapshotInsideTheProvidersException_IsLeftAsItIs() =>
        Assert.Null(StoreFailure.Translate(new RedisStorageException("Failed to read grain state", new SnapshotUnreadableException("does not authenticate"))));
}
