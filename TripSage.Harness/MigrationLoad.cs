using System.Collections.Concurrent;
using TripSage.Memory.Client;

namespace TripSage.Memory.Harness;

/// <summary>
/// Writes and reads through the real client while a migration runs. Each worker owns some users and, for
/// each write the grid acknowledged, lists the user's memories at once: every write acknowledged so far must
/// be there (a grain serving from a store that lost or never got a write would miss it). A write refused with
/// "retry" (the user moved) is sent again with the same idempotency key, so it lands at most once.
/// </summary>
public sealed class MigrationLoad(IMemoryClient client, IReadOnlyList<string> users, int workers = 4)
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _acked = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentQueue<Exception> _errors = new();
    private int _ackedCount;
    private int _retries;

    public int Acked => Volatile.Read(ref _ackedCount);

    /// <summary>Calls refused with "retry" (the user's store was changing) and sent again.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Reads that missed an acknowledged write.</summary>
    public IReadOnlyCollection<string> Violations => _violations;

    /// <summary>Failures other than "retry".</summary>
    public IReadOnlyCollection<Exception> Errors => _errors;

    public IReadOnlyList<string> AckedOf(string userId) => _acked.TryGetValue(userId, out var texts) ? texts.ToList() : [];

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkerAsync(w, stop))));

    /// <summary>Returns once <paramref name="count"/> writes were acknowledged in all (or the load failed).</summary>
    public async Task WaitForAckedAsync(int count)
    {
        while (Acked < count && _errors.IsEmpty)
        {
            await Task.Delay(20);
        }
    }

    private async Task WorkerAsync(int worker, CancellationToken stop)
    {
        var mine = users.Where((_, i) => i % workers == worker).ToList();
        for (var n = 0; mine.Count > 0 && !stop.IsCancellationRequested; n++)
        {
            var userId = mine[n % mine.Count];
            // No user id in the text: its hex digits can look like a card number to the content screen.
            var text = $"write {n} of worker {worker}";
            try
            {
                await RetryAsync(() => client.RememberAsync(userId, new NewMemory(text, IdempotencyKey: $"w{worker}-{n}")), stop);
                _acked.GetOrAdd(userId, _ => new ConcurrentQueue<string>()).Enqueue(text);
                Interlocked.Increment(ref _ackedCount);
                var page = await RetryAsync(() => client.ListAsync(userId, new ListQuery(Limit: 500)), stop);
                var seen = page.Items.Select(m => m.Text).ToHashSet(StringComparer.Ordinal);
                foreach (var missing in AckedOf(userId).Where(t => !seen.Contains(t)))
                {
                    _violations.Enqueue($"{userId}: a read after the write of '{text}' missed '{missing}'");
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _errors.Enqueue(ex);
                return;
            }
        }
    }

    private async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (StoreUnavailableException)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(10, stop);
            }
        }
    }
}
