using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains.Security.RateLimiting;

/// <summary>
/// Keeps the token buckets of users whose grains deactivate, in the store, so that a user who waits for
/// the grain to be collected, or whose grain comes back on another silo or after a restart, finds the
/// buckets as drained as they were: only time refills them. One small key per user
/// (<see cref="StoreKeys.RateLimits"/>), written on deactivation only while a bucket is not yet full,
/// with a time to live that ends when every bucket would be full again, so the store drops it by itself.
/// A silo that crashes writes nothing: its users' next activations start with what their previous
/// deactivation left (full buckets for users active since then).
/// </summary>
internal sealed class RateLimitKeeper(IOptions<RateLimitOptions> options, [FromKeyedServices(MemoryClock.Key)] TimeProvider time, StoreConnection store)
{
    /// <summary>The buckets the user's last deactivation left (on any silo), or new full ones.</summary>
    public async Task<UserRateLimiter> TakeOrCreateAsync(string userId)
    {
        var limiter = new UserRateLimiter(options.Value, time);
        var saved = (string?)await (await store.GetAsync()).GetDatabase().StringGetAsync(Key(userId));
        if (saved is not null)
        {
            limiter.Restore(saved);
        }

        return limiter;
    }

    /// <summary>
    /// Saves a deactivating user's buckets until they would be full again. Full buckets write nothing: only
    /// time refills a bucket, so a key saved earlier expired no later than the moment they became full.
    /// </summary>
    public async Task KeepAsync(string userId, UserRateLimiter limiter)
    {
        var untilFull = limiter.TimeUntilFull;
        if (untilFull > TimeSpan.Zero)
        {
            await (await store.GetAsync()).GetDatabase().StringSetAsync(Key(userId), limiter.Save(), untilFull);
        }
    }

    private RedisKey Key(string userId) => StoreKeys.RateLimits(store.KeyPrefix, userId);
}
