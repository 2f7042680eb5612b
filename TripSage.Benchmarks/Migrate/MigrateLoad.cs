using System.Collections.Concurrent;
using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Migrate;

/// <summary>
/// Writers that remember a new text for one of the hot users and then list that user's memories: every write
/// acknowledged so far must be in the answer. A call refused with "retry" (the user's store was changing) is
/// sent again with the same idempotency key; any other failure stops the run.
/// </summary>
internal sealed class MigrateLoad(IMemoryClient client, IReadOnlyList<string> users, int writers)
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _acked = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _missed = new();
    private readonly ConcurrentQueue<Exception> _errors = new();
    private int _ackedCount;
    private int _retries;

    public int Acked => Volatile.Read(ref _ackedCount);

    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Reads that did not hold a write acknowledged before them.</summary>
    public IReadOnlyCollection<string> Missed => _missed;

    public IReadOnlyCollection<Exception> Errors => _errors;

    public IReadOnlyList<string> AckedOf(string userId) => _acked.TryGetValue(userId, out var texts) ? texts.ToList() : [];

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriterAsync(w, stop))));

    private async Task WriterAsync(int writer, CancellationToken stop)
    {
        var mine = users.Where((_, i) => i % writers == writer).ToList();
        for (var n = 0; mine.Count > 0 && !stop.IsCancellationRequested; n++)
        {
            var userId = mine[n % mine.Count];
            var text = $"load write {n} of writer {writer}";
            try
            {
                await RetryAsync(() => client.RememberAsync(userId, new NewMemory(text, IdempotencyKey: $"load-{writer}-{n}")), stop);
                _acked.GetOrAdd(userId, _ => new ConcurrentQueue<string>()).Enqueue(text);
                Interlocked.Increment(ref _ackedCount);
                var seen = (await RetryAsync(() => client.ListAsync(userId, new ListQuery(Limit: 500)), stop)).Items.Select(m => m.Text).ToHashSet(StringComparer.Ordinal);
                foreach (var missing in AckedOf(userId).Where(t => !seen.Contains(t)))
                {
                    _missed.Enqueue(missing);
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
