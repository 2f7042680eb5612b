using Microsoft.Extensions.Logging;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Security.Auth;

namespace TripSage.Memory.Grains;

/// <summary>
/// Persistence: one encrypted snapshot write carries the changes of every call in it (one, or a
/// group commit of remembers) and their audit events, with rollback on failure.
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
    /// Writes the snapshot carrying the changes of <paramref name="calls"/>. Their audit events go into
    /// the same write, in order, behind the deferred events of earlier calls, so all become durable
    /// together. When the write fails, the model is rolled back by reading the last durable snapshot
    /// again, so nothing unacknowledged is ever served; nothing else changed the model meanwhile
    /// (<see cref="GroupCommit{TChange}"/>), so nothing else is undone.
    /// </summary>
    private async Task WriteAsync(IReadOnlyList<AuditEntry> calls)
    {
        var headBefore = _audit.Head;
        _audit.CarryInto(state.State.AuditOutbox);
        foreach (var call in calls.Where(c => !c.Recorded))
        {
            state.State.AuditOutbox.Add(_audit.Seal(call));
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception writeFailure)
        {
            LogWriteFailed(logger, calls.Count, writeFailure);
            _audit.Rewind(headBefore, calls);
            try
            {
                await state.ReadStateAsync();
                _memory.Load(state.State);
            }
            catch (Exception readFailure)
            {
                LogReloadFailed(logger, readFailure);
                _stateInDoubt = true;
                DeactivateOnIdle();
            }

            throw;
        }
    }

    /// <summary>After a successful write: its events to the log, the expiry reminder re-aimed. Logs its failures; never throws.</summary>
    private async Task AfterWriteAsync()
    {
        await FlushAuditOutboxAsync();
        await ScheduleExpiryAsync();
    }

    /// <summary>
    /// Moves the outbox to the durable log. The change and its event are already durable in the
    /// snapshot, so a store hiccup here is logged, not thrown: the outbox is replayed (once) at the
    /// next write or activation.
    /// </summary>
    private async Task FlushAuditOutboxAsync()
    {
        try
        {
            await _audit.FlushAsync(state.State.AuditOutbox);
        }
        catch (Exception ex)
        {
            LogAuditFlushFailed(logger, ex);
            return;
        }

        await ApplyAuditRetentionAsync();
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot write carrying {CallCount} calls failed; rolling back to the last durable snapshot")]
    private static partial void LogWriteFailed(ILogger logger, int callCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the durable snapshot back after a failed write also failed; deactivating")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing audit events past retention failed; nothing was removed, and it is tried again after the next append")]
    private static partial void LogAuditRetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appending audit events to the log failed; they stay in the snapshot's outbox and are replayed later")]
    private static partial void LogAuditFlushFailed(ILogger logger, Exception exception);
}
