using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Security.RateLimiting;

/// <summary>
/// Keeps the token buckets of users whose grains deactivated on this silo, so that a user who waits
/// for the grain to be collected (or has it deactivated) finds the buckets as drained as they were:
/// only time refills them. Bounded: beyond <see cref="MaxKeptUsers"/> kept users the buckets of the
/// next deactivations are not kept. Per silo and in memory: a user whose grain comes back on another
/// silo, or after a restart, starts with full buckets.
/// </summary>
internal sealed class RateLimitKeeper(IOptions<RateLimitOptions> options, [FromKeyedServices(MemoryClock.Key)] TimeProvider time)
{
    /// <summary>Most users whose buckets are kept at once (a few hundred bytes each).</summary>
    public const int MaxKeptUsers = 100_000;

    private readonly ConcurrentDictionary<string, UserRateLimiter> _kept = new(StringComparer.Ordinal);

    /// <summary>How many users' buckets are kept now.</summary>
    public int Count => _kept.Count;

    /// <summary>The buckets the user's last activation on this silo left, or new full ones.</summary>
    public UserRateLimiter TakeOrCreate(string userId) =>
        _kept.TryRemove(userId, out var limiter) ? limiter : new UserRateLimiter(options.Value, time);

    /// <summary>Keeps a deactivating user's buckets, unless they are all full again (nothing to remember) or the keeper is full.</summary>
    public void Keep(string userId, UserRateLimiter limiter)
    {
        if (!limiter.IsFull && _kept.Count < MaxKeptUsers)
        {
            _kept[userId] = limiter;
        }
    }
}
