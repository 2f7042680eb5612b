namespace TripSage.Memory.Grains;

/// <summary>
/// Group commit for one user's grain: concurrent writes share one durable write, and every writer
/// is answered only once the write that carries its change succeeded.
/// </summary>
/// <remarks>
/// <para>
/// The grain is reentrant, so its calls interleave wherever they await; this class keeps the three
/// rules that make that safe. A writer changes the model only inside <see cref="ApplyAsync"/>, in
/// one turn, and never while a write is in flight — so a failed write carries exactly the changes of its own writers, and rolling the model
/// back to the store's snapshot undoes nothing else. A reader looks at the model only when no change
/// is applied and not yet durable (<see cref="ReadAsync"/>), so no read ever returns a change a crash
/// could still take back. And readers go first: while one waits, no new writer enters, so reads wait
/// for at most the writes under way, however busy the writers are.
/// </para>
/// <para>
/// Everything here runs on the grain's scheduler (one thread at a time); nothing is locked.
/// </para>
/// </remarks>
/// <typeparam name="TChange">What a writer hands to the write with its change (the grain's audit entry).</typeparam>
/// <param name="write">
/// Makes the model durable, carrying the given changes. When it throws, it must first have rolled
/// the model back to what is durable; the exception then fails exactly those writers.
/// </param>
/// <param name="afterWrite">
/// Housekeeping after a successful write, still before the next write starts (the writers are
/// already answered). Must not throw: it logs its own failures.
/// </param>
internal sealed class GroupCommit<TChange>(Func<IReadOnlyList<TChange>, Task> write, Func<Task> afterWrite)
{
    private List<(TChange Change, TaskCompletionSource Durable)>? _applied;
    private TaskCompletionSource _changed = NewSignal();
    private bool _busy;
    private bool _leading;
    private int _waitingReaders;

    /// <summary>How many durable writes have run (successful or not).</summary>
    public long Writes { get; private set; }

    /// <summary>True when no change is applied but not yet durable, and no write or exclusive section runs.</summary>
    private bool Quiet => _applied is null && !_busy;

    /// <summary>
    /// Runs <paramref name="read"/> once the model holds nothing that is not durable. While a reader
    /// waits, no new writer enters: reads wait for at most the writes already under way.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<T> read) => Quiet ? Task.FromResult(read()) : ReadSlowAsync(read);

    /// <summary>
    /// Applies a writer's change to the model (<paramref name="apply"/>, which checks before it
    /// changes anything: when it throws, nothing changed and nothing is written), hands
    /// <paramref name="change"/> to the next write, and returns once that write succeeded. When
    /// <paramref name="apply"/> says nothing changed, no write is needed — but the caller still waits
    /// for changes applied before it (its answer may name them, as a duplicate names the original).
    /// </summary>
    public async Task<T> ApplyAsync<T>(TChange change, Func<(T Result, bool Changed)> apply)
    {
        // Checked and applied in one turn: no write can start in between.
        while (_busy || _waitingReaders > 0)
        {
            await _changed.Task;
        }

        var (result, changed) = apply();
        if (!changed && _applied is null)
        {
            return result;
        }

        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        (_applied ??= []).Add((change, durable));
        if (!_leading)
        {
            _ = LeadAsync();
        }

        await durable.Task;
        return result;
    }

    /// <summary>
    /// Runs <paramref name="action"/> alone: once everything applied is durable, with no writer or
    /// reader running until it ends. For operations that change the model across awaits, or must see
    /// the audit trail stand still.
    /// </summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> action)
    {
        _waitingReaders++;
        try
        {
            while (!Quiet)
            {
                await _changed.Task;
            }
        }
        finally
        {
            _waitingReaders--;
        }

        // Checked and taken in one turn.
        _busy = true;
        try
        {
            return await action();
        }
        finally
        {
            _busy = false;
            Signal();
        }
    }

    private async Task<T> ReadSlowAsync<T>(Func<T> read)
    {
        _waitingReaders++;
        try
        {
            while (!Quiet)
            {
                await _changed.Task;
            }

            // Read in the turn that found the model quiet.
            return read();
        }
        finally
        {
            _waitingReaders--;
            if (_waitingReaders == 0)
            {
                Signal();
            }
        }
    }

    /// <summary>Writes batch after batch while writers keep applying changes.</summary>
    private async Task LeadAsync()
    {
        _leading = true;
        try
        {
            // Writers already woken apply and join before the batch closes.
            await Task.Yield();
            while (_applied is { } batch)
            {
                _applied = null;
                _busy = true;
                try
                {
                    await WriteAsync(batch);
                }
                finally
                {
                    _busy = false;
                    Signal();
                }

                await Task.Yield();
            }
        }
        finally
        {
            _leading = false;
        }
    }

    private async Task WriteAsync(List<(TChange Change, TaskCompletionSource Durable)> batch)
    {
        Writes++;
        try
        {
            await write(batch.Select(b => b.Change).ToList());
        }
        catch (Exception ex)
        {
            foreach (var (_, durable) in batch)
            {
                durable.SetException(ex);
            }

            return;
        }

        foreach (var (_, durable) in batch)
        {
            durable.SetResult();
        }

        await afterWrite();
    }

    /// <summary>Wakes everyone waiting for the state to change; each checks again what it waits for.</summary>
    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.SetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
