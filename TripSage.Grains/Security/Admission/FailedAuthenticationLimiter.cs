using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Security.RateLimiting;

namespace TripSage.Memory.Grains.Security.Admission;

/// <summary>
/// Failed authentications per gateway client, as a token bucket each (<see cref="AdmissionOptions.FailedAuthentications"/>).
/// A client that spent its bucket is refused without its token being checked until the bucket refills,
/// so guessing tokens or flooding with bad ones costs the silo a dictionary lookup per call. The map is
/// bounded (<see cref="AdmissionOptions.MaxTrackedSources"/>): clients whose bucket has refilled are
/// forgotten first, and when none has, new clients share one overflow bucket.
/// </summary>
internal sealed class FailedAuthenticationLimiter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainId, Allowance> _sources = [];
    private readonly AdmissionOptions _options;
    private readonly TimeProvider _time;
    private readonly Allowance _shared;
    private readonly TimeSpan _refillTime;

    public FailedAuthenticationLimiter(IOptions<AdmissionOptions> options, [FromKeyedServices(MemoryClock.Key)] TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _shared = new Allowance(new TokenBucket(_options.FailedAuthentications, time));
        _refillTime = TimeSpan.FromMinutes(_options.FailedAuthentications.Capacity / _options.FailedAuthentications.TokensPerMinute);
    }

    /// <summary>How many clients are tracked now.</summary>
    public int TrackedSources
    {
        get
        {
            lock (_lock)
            {
                return _sources.Count;
            }
        }
    }

    /// <summary>Whether <paramref name="source"/> may still try to authenticate, or how long it must wait.</summary>
    public bool MayTry(GrainId? source, out TimeSpan retryAfter)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var allowance = source is { } id ? _sources.GetValueOrDefault(id) : _shared;
            retryAfter = allowance is null || allowance.BlockedUntil <= now ? TimeSpan.Zero : allowance.BlockedUntil - now;
            return retryAfter == TimeSpan.Zero;
        }
    }

    /// <summary>Counts a failed authentication; returns how long the source must now wait when it spent its last one.</summary>
    public TimeSpan? Failed(GrainId? source)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var allowance = Find(source, now);
            allowance.LastFailure = now;
            if (allowance.Bucket.TryTake(out var retryAfter))
            {
                return null;
            }

            allowance.BlockedUntil = now + retryAfter;
            return retryAfter;
        }
    }

    private Allowance Find(GrainId? source, DateTimeOffset now)
    {
        if (source is not { } id)
        {
            return _shared;
        }

        if (_sources.TryGetValue(id, out var known))
        {
            return known;
        }

        if (_sources.Count >= _options.MaxTrackedSources)
        {
            // A client whose bucket has refilled since its last failure is no different from a new one.
            foreach (var (refilled, _) in _sources.Where(s => s.Value.LastFailure + _refillTime <= now && s.Value.BlockedUntil <= now).ToList())
            {
                _sources.Remove(refilled);
            }

            if (_sources.Count >= _options.MaxTrackedSources)
            {
                return _shared;
            }
        }

        var allowance = new Allowance(new TokenBucket(_options.FailedAuthentications, _time));
        _sources[id] = allowance;
        return allowance;
    }

    private sealed class Allowance(TokenBucket bucket)
    {
        public TokenBucket Bucket { get; } = bucket;

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset BlockedUntil { get; set; }
    }
}
