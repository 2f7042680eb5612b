using Microsoft.Extensions.DependencyInjection;
using Orleans.Persistence.Redis;
using Orleans.Serialization;
using Pipelines.Sockets.Unofficial;
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

    [Fact]
    public void Translate_ConnectionThatNeverReachedTheStore_SaysNothingChanged()
    {
        var typed = StoreFailure.Translate(new RedisConnectionException(ConnectionFailureType.UnableToConnect, "UnableToConnect on 127.0.0.1:6379/Interactive", null, CommandStatus.WaitingToBeSent));

        Assert.NotNull(typed);
        Assert.False(typed.OutcomeUnknown);
        Assert.Contains("nothing was changed", typed.Message);
    }

    [Fact]
    public void Translate_ConnectionThatBrokeWithTheCommandSent_SaysTheChangeMayBeStored()
    {
        var typed = StoreFailure.Translate(new RedisConnectionException(ConnectionFailureType.SocketFailure, "SocketFailure on 127.0.0.1:6379/Interactive", new ConnectionResetException(), CommandStatus.Sent));

        Assert.NotNull(typed);
        Assert.True(typed.OutcomeUnknown);
        Assert.DoesNotContain("nothing was changed", typed.Message);
    }

    [Fact]
    public void Translate_TimeoutAfterTheCommandWasSent_SaysTheChangeMayBeStored()
    {
        Assert.True(StoreFailure.Translate(new RedisTimeoutException("Timeout performing EVALSHA", CommandStatus.Sent))?.OutcomeUnknown);
        Assert.False(StoreFailure.Translate(new RedisTimeoutException("Timeout awaiting connection", CommandStatus.WaitingToBeSent))?.OutcomeUnknown);
    }

    /// <summary>
    /// A reset seen by the socket layer under the Redis client reaches us with no Redis exception around it
    /// (in the chaos store-restart it went to a client as <c>CodecNotFoundException</c>), also inside Orleans' own wrappers.
    /// </summary>
    [Fact]
    public void Translate_BareConnectionResetOfTheSocketLayer_IsTheTypedErrorWithOutcomeUnknown()
    {
        Assert.True(StoreFailure.Translate(new ConnectionResetException())?.OutcomeUnknown);
        Assert.True(StoreFailure.Translate(new OrleansException("Error from storage provider", new ConnectionResetException()))?.OutcomeUnknown);
    }

    [Fact]
    public void Translate_ProvidersFlattenedWriteFailure_SaysWhetherTheClientHadAConnection()
    {
        Assert.False(StoreFailure.Translate(new RedisStorageException("Failed to write grain state. StackExchange.Redis.RedisConnectionException: No connection is active/available to service this operation: EVAL"))?.OutcomeUnknown);
        Assert.True(StoreFailure.Translate(new RedisStorageException("Failed to write grain state. StackExchange.Redis.RedisConnectionException: SocketFailure (ReadSocketError/ConnectionReset) on 127.0.0.1:6379/Interactive"))?.OutcomeUnknown);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StoreUnavailable_CrossesTheWire_WithWhetherTheOutcomeIsKnown(bool outcomeUnknown)
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<StoreUnavailableException>(serializer.SerializeToArray(new StoreUnavailableException("the memory store is unreachable", outcomeUnknown)));

        Assert.NotNull(copy);
        Assert.Equal(outcomeUnknown, copy.OutcomeUnknown);
        Assert.Equal("the memory store is unreachable", copy.Message);
    }

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
