using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using TripSage.Memory.Benchmarks.Load;
using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// The load every scenario runs, and the one place calls are made and recorded: writers call
/// <c>remember</c> with a unique text each (<see cref="ChaosOptions.HotSharePercent"/> of them to a few hot
/// users), readers call <c>search</c>; every call is sampled with the name of the error it failed with, and
/// every acknowledged write is logged for the check. A scenario's own calls (<see cref="RememberAsync"/>) go
/// through the same recording.
/// </summary>
internal sealed class ChaosLoad
{
    private readonly ChaosOptions _options;
    private readonly Stopwatch _clock;
    private readonly ConcurrentQueue<CallSample> _samples = new();
    private readonly ConcurrentDictionary<string, string> _errorExamples = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly string[] _users;
    private readonly string[] _hotUsers;
    private Task[] _callers = [];
    private int _textSequence;

    public ChaosLoad(ChaosOptions options, Stopwatch clock, IEnumerable<string>? extraUsers = null)
    {
        _options = options;
        _clock = clock;
        _users = Enumerable.Range(0, options.Users).Select(i => $"chaos-user-{i:D5}").ToArray();
        _hotUsers = Enumerable.Range(0, options.HotUsers).Select(i => $"chaos-hot-{i:D2}").ToArray();
        Everyone = [.. _users, .. _hotUsers, .. extraUsers ?? []];
    }

    /// <summary>Every user the load or the scenario writes to: what the check exports.</summary>
    public IReadOnlyList<string> Everyone { get; }

    public AcknowledgedWrites Acknowledged { get; } = new();

    /// <summary>Every call so far, in no particular order.</summary>
    public IReadOnlyList<CallSample> Samples => [.. _samples];

    /// <summary>The first message seen of each error name.</summary>
    public IReadOnlyDictionary<string, string> ErrorExamples => _errorExamples;

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Starts the writers and readers on <paramref name="client"/>; they run until <see cref="StopAsync"/>.</summary>
    public void Start(IMemoryClient client)
    {
        var writers = Enumerable.Range(0, _options.Writers).Select(writer => Task.Run(() => WriteAsync(client, writer), CancellationToken.None));
        var readers = Enumerable.Range(0, _options.Readers).Select(reader => Task.Run(() => ReadAsync(client, reader), CancellationToken.None));
        _callers = [.. writers, .. readers];
    }

    /// <summary>Stops the load; calls in flight finish or time out first.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_callers);
        _stop.Dispose();
    }

    /// <summary>
    /// One <c>remember</c> of a new unique text, recorded like the load's: the error's name when it failed,
    /// null when the grid answered (and, when it stored the memory, the id is in <see cref="Acknowledged"/>).
    /// </summary>
    public async Task<string?> RememberAsync(IMemoryClient client, string user, string who)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{who} note {Interlocked.Increment(ref _textSequence)}: prefers an aisle seat and a late checkout in Lisbon.");
        return await CallAsync(CallKind.Write, async () =>
        {
            var outcome = await client.RememberAsync(user, new NewMemory(text, Category: "travel", SessionId: "chaos"));
            if (outcome.Status == RememberStatus.Stored)
            {
                Acknowledged.Add(user, outcome.MemoryId);
            }
        });
    }

    /// <summary>The name an error is counted under: its type, unwrapped from an <see cref="AggregateException"/>.</summary>
    public static string ErrorName(Exception exception) => Innermost(exception).GetType().Name;

    private static Exception Innermost(Exception exception) => exception is AggregateException { InnerException: { } inner } ? inner : exception;

    private async Task<string?> CallAsync(CallKind kind, Func<Task> call)
    {
        var startedAt = _clock.Elapsed;
        string? error = null;
        try
        {
            await call();
        }
        catch (Exception exception)
        {
            error = ErrorName(exception);
            _errorExamples.TryAdd(error, Innermost(exception).Message);
        }

        _samples.Enqueue(new CallSample(kind, startedAt, _clock.Elapsed - startedAt, error));
        return error;
    }

    private async Task WriteAsync(IMemoryClient client, int writer)
    {
        var random = new Random(writer);
        while (!_stop.IsCancellationRequested)
        {
            var user = random.Next(100) < _options.HotSharePercent ? _hotUsers[random.Next(_hotUsers.Length)] : _users[random.Next(_users.Length)];
            if (await RememberAsync(client, user, $"Writer {writer}") is not null && !await BackOffAsync())
            {
                return;
            }
        }
    }

    private async Task ReadAsync(IMemoryClient client, int reader)
    {
        var random = new Random(-1 - reader);
        var query = new SearchQuery("aisle seat Lisbon", Top: 5, Mode: SearchMode.Keyword);
        while (!_stop.IsCancellationRequested)
        {
            var user = random.Next(2) == 0 ? _hotUsers[random.Next(_hotUsers.Length)] : _users[random.Next(_users.Length)];
            if (await CallAsync(CallKind.Read, () => client.SearchAsync(user, query)) is not null && !await BackOffAsync())
            {
                return;
            }
        }
    }

    /// <returns>False when the load was stopped during the pause.</returns>
    private async Task<bool> BackOffAsync()
    {
        try
        {
            await Task.Delay(ChaosOptions.FailureBackoff, _stop.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
