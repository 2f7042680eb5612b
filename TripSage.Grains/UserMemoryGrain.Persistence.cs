using Microsoft.Extensions.Logging;
using Orleans.Storage;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Security.Auth;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains;

/// <summary>
/// Persistence: one durable write carries the changes of every call in it (one, or a group commit
/// of remembers) and their audit events, with rollback on failure. A write appends one encrypted
/// record of what changed to the user's journal (<see cref="Storage.Journal"/>, which says why two
/// activations cannot fork the data); after it, the journal is folded into a full snapshot once it
/// has grown enough. Activation reads the snapshot and replays the records after it.
/// </summary>
internal sealed partial class UserMemoryGrain
{
    /// <summary>
    /// Writes the snapshot for the call being served, which runs alone (<see cref="GroupCommit{TChange}.ExclusiveAsync"/>),
    /// or for activation's purge of expired memories, whose event is the system actor's.
    /// </summary>
    private async Task PersistAsync()
    {
        await WriteAsync([_call.Value ?? new AuditEntry(Operations.MemoryOperations.Expire.Name, Caller.System, TraceId())]);
        await AfterWriteAsync();
    }

    /// <summary>
    /// Makes the changes of <paramref name="calls"/> durable: one journal record, or — for a user
    /// without a snapshot (the first write, or the first after an erase) — the snapshot itself, through
    /// the provider's etag check. Their audit events go into the same write, in order, behind the
    /// deferred events of earlier calls, so all become durable together. When the write fails, the
    /// model is rolled back by reading the durable state again (snapshot and journal), so nothing
    /// unacknowledged is ever served; nothing else changed the model meanwhile
    /// (<see cref="GroupCommit{TChange}"/>), so nothing else is undone.
    /// </summary>
    private async Task WriteAsync(IReadOnlyList<AuditEntry> calls)
    {
        var headBefore = _audit.Head;
        var sequenceBefore = _journal.Sequence;
        var etagBefore = state.Etag;
        var changes = _memory.TakeChanges();
        _audit.CarryInto(changes.AuditEvents);
        foreach (var call in calls.Where(c => !c.Recorded))
        {
            changes.AuditEvents.Add(_audit.Seal(call));
        }

        state.State.AuditOutbox.AddRange(changes.AuditEvents);
        try
        {
            if (state.RecordExists)
            {
                // The key the snapshot was read or written with in this activation: the journal never creates one.
                var dataKey = state.State.DataKey ?? throw new InvalidOperationException($"The snapshot of '{UserId}' is held without its data key; nothing was written.");
                await AppendToJournalAsync(changes, dataKey);
            }
            else
            {
                await WriteSnapshotAsync();
            }
        }
        catch (Exception writeFailure)
        {
            LogWriteFailed(logger, calls.Count, writeFailure);
            _audit.Rewind(headBefore, calls);
            if (SupersededBy(writeFailure))
            {
                throw;
            }

            try
            {
                await ReloadAsync();

                // Another activation wrote first, or the write landed although it reported a failure:
                // the audit events just rewound may be durable, so this activation steps aside and the
                // next one starts from the store.
                if (writeFailure is InconsistentStateException || _journal.Sequence != sequenceBefore || state.Etag != etagBefore)
                {
                    _stateInDoubt = true;
                    DeactivateOnIdle();
                }
            }
            catch (Exception readFailure)
            {
                LogReloadFailed(logger, readFailure);
                _stateInDoubt = true;
                DeactivateOnIdle();
            }

            throw;
        }

        // Before the callers hear of the write, not after: an expiry registered in housekeeping after
        // the answer was lost when the grain deactivated first, and the memory then stayed in the store
        // until the user's next activation. It changes only when the next expiry does; never throws.
        await ScheduleExpiryAsync();
    }

    /// <summary>
    /// Appends to the journal of the store this activation serves from. A migration's copy fences the
    /// old snapshot, which refuses the append just as a newer activation's write would; when the user's
    /// placement moved, the caller is told so (retry: the next activation serves from the new store).
    /// </summary>
    private async Task AppendToJournalAsync(MemoryChanges changes, DataKey dataKey)
    {
        try
        {
            await _journal.AppendAsync(changes, state.Etag!, dataKey);
        }
        catch (InconsistentStateException)
        {
            if (await stores.StillPlacedAsync(UserId, _store))
            {
                throw;
            }

            DeactivateOnIdle();
            throw new StoreUnavailableException("the user's memory moved to another store; nothing was changed, retry the call");
        }
    }

    /// <summary>
    /// After a successful write: its events queued for the silo's next audit flush (not awaited: the
    /// record just written keeps them, and waiting held the user's next call, reads included, behind
    /// the flush), retention and the journal's fold when due. Logs its failures; never throws.
    /// </summary>
    private async Task AfterWriteAsync()
    {
        _audit.Recorded(state.State.AuditOutbox);
        await ApplyAuditRetentionAsync();
        await CompactJournalAsync();
    }

    /// <summary>The snapshot and the journal records after it, replayed onto the state: at activation, and to roll back a failed write.</summary>
    private async Task ReplayJournalAsync()
    {
        foreach (var changes in await _journal.ReadAsync(state.State, state.RecordExists))
        {
            changes.ApplyTo(state.State);
        }
    }

    private async Task ReloadAsync()
    {
        await state.ReadStateAsync();
        await ReplayJournalAsync();
        _memory.Load(state.State);
    }

    /// <summary>The full snapshot, naming the last journal record it holds; the records so far are then folded.</summary>
    private async Task WriteSnapshotAsync()
    {
        state.State.JournalSequence = _journal.Sequence;
        await state.WriteStateAsync();
        _journal.Folded();
    }

    /// <summary>
    /// Folds the journal into a snapshot once it holds enough (<see cref="Storage.JournalOptions"/>),
    /// then removes the folded records. Runs between writes (nothing applied is waiting), so the model
    /// is exactly the snapshot plus the journal. Every change is already durable in the journal, so a
    /// failure is logged, not thrown, and the fold is tried again after the next write — except an
    /// etag conflict: another activation moved the snapshot on, so this one is out of date and goes.
    /// </summary>
    private async Task CompactJournalAsync()
    {
        if (!_journal.CompactionDue(state.State.SnapshotBytes))
        {
            return;
        }

        try
        {
            await WriteSnapshotAsync();
        }
        catch (InconsistentStateException ex)
        {
            LogCompactionConflict(logger, ex);
            _stateInDoubt = true;
            DeactivateOnIdle();
            return;
        }
        catch (Exception ex)
        {
            LogCompactionFailed(logger, _journal.Records, ex);
            return;
        }

        try
        {
            await _journal.TrimAsync();
        }
        catch (Exception ex)
        {
            LogTrimFailed(logger, ex);
        }
    }

    /// <summary>
    /// Erase, after the snapshot and the data key are gone: the journal's records can no longer be
    /// opened by anyone, so a failure to delete them is logged and they are removed at a later activation.
    /// </summary>
    private async Task DeleteJournalAsync()
    {
        try
        {
            await _journal.DeleteAsync();
        }
        catch (Exception ex)
        {
            LogJournalDeleteFailed(logger, ex);
        }
    }

    /// <summary>Retention is housekeeping: a failure is logged and tried again after the next append.</summary>
    private async Task ApplyAuditRetentionAsync()
    {
        try
        {
            await _audit.ApplyRetentionAsync();
        }
        catch (Exception ex)
        {
            LogAuditRetentionFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Write carrying {CallCount} calls failed; rolling back to the durable state")]
    private static partial void LogWriteFailed(ILogger logger, int callCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the durable state back after a failed write also failed; deactivating")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another activation replaced the snapshot; this activation is out of date and deactivates (its writes are all durable in the journal)")]
    private static partial void LogCompactionConflict(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding {RecordCount} journal records into a snapshot failed; they stay in the journal and the fold is tried again after the next write")]
    private static partial void LogCompactionFailed(ILogger logger, int recordCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing folded journal records failed; they are never replayed, and a later fold removes them")]
    private static partial void LogTrimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting the journal after an erase failed; its records cannot be opened (the data key is gone) and a later activation removes them")]
    private static partial void LogJournalDeleteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing audit events past retention failed; nothing was removed, and it is tried again after the next append")]
    private static partial void LogAuditRetentionFailed(ILogger logger, Exception exception);
}
