using Microsoft.Extensions.Logging;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Security.Auth;

namespace TripSage.Memory.Grains;

/// <summary>Persistence: one encrypted snapshot write per change, carrying the change's audit event, with rollback on failure.</summary>
internal sealed partial class UserMemoryGrain
{
    /// <summary>
    /// Writes the snapshot. When the write fails, the changes made for this call are rolled back
    /// by reading the last durable snapshot again, so nothing unacknowledged is ever served.
    /// </summary>
    private async Task PersistAsync()
    {
        // The call's audit event goes into the same snapshot write as the change it records, with
        // the deferred events of earlier calls ahead of it, so all become durable together. Only
        // activation writes outside a call (an expiry purge); its event is the system actor's.
        var headBefore = _audit.Head;
        var entry = _call ?? new AuditEntry(Operations.MemoryOperations.Expire.Name, Caller.System, TraceId());
        var deferred = _audit.TakeDeferred();
        state.State.AuditOutbox.AddRange(deferred);
        if (!entry.Recorded)
        {
            state.State.AuditOutbox.Add(_audit.Seal(entry));
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception writeFailure)
        {
            LogWriteFailed(logger, writeFailure);
            _audit.Rewind(headBefore, entry);
            _audit.Restore(deferred);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot write failed; rolling back to the last durable snapshot")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the durable snapshot back after a failed write also failed; deactivating")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing audit events past retention failed; nothing was removed, and it is tried again after the next append")]
    private static partial void LogAuditRetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appending audit events to the log failed; they stay in the snapshot's outbox and are replayed later")]
    private static partial void LogAuditFlushFailed(ILogger logger, Exception exception);
}
