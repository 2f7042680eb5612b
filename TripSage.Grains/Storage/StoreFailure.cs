using Orleans.Persistence.Redis;
using Pipelines.Sockets.Unofficial;
using StackExchange.Redis;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// Turns the Redis client's failures into the one typed error callers get. Its own exception types
/// cannot cross to a client (no Orleans codec) and carry connection details; callers need to know
/// only that the store did not answer, and whether the call may have changed anything before it stopped.
/// </summary>
internal static class StoreFailure
{
    /// <summary>
    /// Error replies of a store that is up but cannot serve commands yet or right now: still loading its
    /// data after a restart (<c>LOADING</c>), running a long script (<c>BUSY</c>), or a replica that lost
    /// or is not its primary (<c>MASTERDOWN</c>, <c>READONLY</c>). The command was not run, so nothing changed.
    /// </summary>
    private static readonly string[] NotReadyReplies = ["LOADING", "BUSY", "MASTERDOWN", "READONLY"];

    /// <summary>The socket layer under the Redis client, whose exceptions reach us bare when a connection resets.</summary>
    private static readonly System.Reflection.Assembly SocketLayer = typeof(SocketConnection).Assembly;

    /// <summary>The typed error for <paramref name="exception"/>, or <see langword="null"/> when it is not a store failure.</summary>
    public static StoreUnavailableException? Translate(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                // Only a command the client had already written to the socket may have run.
                case RedisConnectionException connection:
                    return connection.CommandStatus == CommandStatus.Sent ? BrokeInFlight() : Unreachable();
                case RedisTimeoutException timeout:
                    return timeout.Commandstatus == CommandStatus.Sent ? TimedOutInFlight() : TimedOut();
                case RedisServerException when NotReadyReplies.Any(reply => cause.Message.StartsWith(reply, StringComparison.Ordinal)):
                    return NotReady();

                // A connection reset surfaces as the socket layer's own exception, with no Redis one around it;
                // whatever was on the wire then may have run.
                case Exception when cause.GetType().Assembly == SocketLayer:
                    return BrokeInFlight();

                // The Orleans Redis provider flattens the client's exception into its own message instead of
                // keeping it as the inner exception, so its text is all there is: unless it says the client
                // never had a connection, the write may have reached the store.
                case RedisStorageException when cause.Message.Contains(nameof(RedisConnectionException), StringComparison.Ordinal):
                    return cause.Message.Contains(nameof(ConnectionFailureType.UnableToConnect), StringComparison.Ordinal)
                        || cause.Message.Contains("No connection is active", StringComparison.Ordinal)
                        ? Unreachable()
                        : BrokeInFlight();
                case RedisStorageException when cause.Message.Contains(nameof(RedisTimeoutException), StringComparison.Ordinal):
                    return TimedOutInFlight();
                case RedisStorageException when NotReadyReplies.Any(reply => cause.Message.Contains($"{nameof(RedisServerException)}: {reply}", StringComparison.Ordinal)):
                    return NotReady();
            }
        }

        return null;
    }

    private const string MayBeStored = "the change may or may not be stored: a remember is safe to retry with the same idempotency keys, check before repeating anything else";

    private static StoreUnavailableException Unreachable() => new("the memory store is unreachable; nothing was changed, retry once it is back");

    private static StoreUnavailableException TimedOut() => new("the memory store did not answer in time; nothing was changed, retry the call");

    private static StoreUnavailableException NotReady() => new("the memory store is not ready (starting up or failing over); nothing was changed, retry shortly");

    private static StoreUnavailableException BrokeInFlight() => new($"the connection to the memory store broke while the call was in flight; {MayBeStored}", outcomeUnknown: true);

    private static StoreUnavailableException TimedOutInFlight() => new($"the memory store did not answer in time after the call was sent; {MayBeStored}", outcomeUnknown: true);
}
