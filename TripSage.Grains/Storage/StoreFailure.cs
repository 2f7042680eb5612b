using Orleans.Persistence.Redis;
using StackExchange.Redis;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// Turns the Redis client's failures into the one typed error callers get. Its own exception types
/// cannot cross to a client (no Orleans codec) and carry connection details; callers need to know
/// only that the store did not answer and that nothing changed.
/// </summary>
internal static class StoreFailure
{
    /// <summary>
    /// Error replies of a store that is up but cannot serve commands yet or right now: still loading its
    /// data after a restart (<c>LOADING</c>), running a long script (<c>BUSY</c>), or a replica that lost
    /// or is not its primary (<c>MASTERDOWN</c>, <c>READONLY</c>). The command was not run, so nothing changed.
    /// </summary>
    private static readonly string[] NotReadyReplies = ["LOADING", "BUSY", "MASTERDOWN", "READONLY"];

    /// <summary>The typed error for <paramref name="exception"/>, or <see langword="null"/> when it is not a store failure.</summary>
    public static StoreUnavailableException? Translate(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case RedisConnectionException:
                    return Unreachable();
                case RedisTimeoutException:
                    return TimedOut();
                case RedisServerException when NotReadyReplies.Any(reply => cause.Message.StartsWith(reply, StringComparison.Ordinal)):
                    return NotReady();

                // The Orleans Redis provider flattens the client's exception into its own message
                // instead of keeping it as the inner exception, so its type name is all there is.
                case RedisStorageException when cause.Message.Contains(nameof(RedisConnectionException), StringComparison.Ordinal):
                    return Unreachable();
                case RedisStorageException when cause.Message.Contains(nameof(RedisTimeoutException), StringComparison.Ordinal):
                    return TimedOut();
                case RedisStorageException when NotReadyReplies.Any(reply => cause.Message.Contains($"{nameof(RedisServerException)}: {reply}", StringComparison.Ordinal)):
                    return NotReady();
            }
        }

        return null;
    }

    private static StoreUnavailableException Unreachable() => new("the memory store is unreachable; nothing was changed, retry once it is back");

    private static StoreUnavailableException TimedOut() => new("the memory store did not answer in time; nothing was changed, retry the call");

    private static StoreUnavailableException NotReady() => new("the memory store is not ready (starting up or failing over); nothing was changed, retry shortly");
}
