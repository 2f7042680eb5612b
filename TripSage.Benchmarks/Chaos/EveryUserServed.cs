using System.Collections.Concurrent;
using System.Diagnostics;
using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>The recovery probe: reads every user (a cheap call) until each has answered once.</summary>
internal static class EveryUserServed
{
    private const int Parallelism = 16;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The time on <paramref name="since"/> when the last user answered; null: not within <see cref="ChaosOptions.RecoveryTimeout"/>.</summary>
    public static async Task<TimeSpan?> WaitAsync(IMemoryClient client, IReadOnlyList<string> users, Stopwatch since, CancellationToken cancellationToken)
    {
        var pending = new ConcurrentDictionary<string, bool>(users.Select(user => KeyValuePair.Create(user, true)), StringComparer.Ordinal);
        while (since.Elapsed < ChaosOptions.RecoveryTimeout)
        {
            await Parallel.ForEachAsync(
                pending.Keys.ToList(),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (user, _) =>
                {
                    try
                    {
                        await client.GetPreferencesAsync(user);
                        pending.TryRemove(user, out var _);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // Not served yet; asked again in the next round.
                    }
                });
            if (pending.IsEmpty)
            {
                return since.Elapsed;
            }

            await Task.Delay(RetryDelay, cancellationToken);
        }

        return null;
    }
}
