using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// One user's audit trail as the user's grain sees it: the chain head, turning entries into linked
/// events, and moving events to the durable log and the live stream. Events reach the log two ways:
/// a write carries its event (and any deferred ones) in the snapshot's outbox, which is then
/// appended; a call that writes nothing (a read, a denial, a failure) has its event deferred and
/// appended in a batch later (<see cref="AuditOptions"/>). Retention removes the oldest events
/// behind a signed checkpoint. Used only on the grain's scheduler; the deferred-event flush interleaves with calls.
/// </summary>
internal sealed partial class UserAuditTrail(string userId, AuditChain chain, IAuditLog log, IAsyncStream<AuditEvent> stream, TimeProvider time, AuditOptions options, ILogger logger)
{
    private readonly List<AuditEvent> _deferred = [];
    private (long Sequence, string Hash) _head;

    // The highest sequence known to be in the log, and the first one retention kept.
    private long _appended;
    private long _retainedFrom = 1;

    // Age is checked once per activation: events do not age out by the minute.
    private bool _ageCheckDue = true;
    private bool _retaining;

    public (long Sequence, string Hash) Head => _head;

    /// <summary>Events sealed but not yet durable anywhere: what a crash right now would lose.</summary>
    public int DeferredCount => _deferred.Count;

    /// <summary>Replays what a previous activation left in the outbox, then takes the chain head and the retention checkpoint from the log.</summary>
    public async Task LoadAsync(List<AuditEvent> outbox)
    {
        await FlushAsync(outbox);
        var head = log.HeadAsync(userId);
        var checkpoint = log.CheckpointAsync(userId);
        await Task.WhenAll(head, checkpoint);
        _head = head.Result;
        _appended = _head.Sequence;
        _retainedFrom = checkpoint.Result?.Sequence + 1 ?? 1;
    }

    /// <summary>
    /// Removes what retention no longer keeps — beyond <see cref="AuditOptions.RetainEvents"/> (once a
    /// tenth more has gathered) or, once per activation, older than <see cref="AuditOptions.RetainFor"/> —
    /// and signs a checkpoint at the new start, in one atomic store script.
    /// </summary>
    public async Task ApplyRetentionAsync()
    {
        // The deferred-event flush interleaves with writes, and both end here: one trim at a time.
        if (_retaining)
        {
            return;
        }

        _retaining = true;
        try
        {
            var upTo = Math.Max(CountBoundary(), await AgeBoundaryAsync());
            if (upTo < _retainedFrom || await log.ReadAsync(userId, upTo) is not { } last)
            {
                return;
            }

            await log.TrimAsync(userId, _retainedFrom, chain.Checkpoint(userId, upTo, last.Hash, time.GetUtcNow()));
            _retainedFrom = upTo + 1;
        }
        finally
        {
            _retaining = false;
        }
    }

    /// <summary>Where the retained trail starts, for verification.</summary>
    public Task<AuditCheckpoint?> CheckpointAsync() => log.CheckpointAsync(userId);

    /// <summary>
    /// Checks the kept trail from its checkpoint, and that it reaches the last event this activation
    /// knows was written: a trail cut short at the end is as broken as one with a hole. (The last
    /// write's events also come back at the next activation, replayed from the authenticated
    /// snapshot's outbox; events after it, removed with the head key while no grain is active,
    /// leave nothing newer to compare with.)
    /// </summary>
    public async Task<AuditVerification> VerifyAsync()
    {
        var events = await ReadAllAsync();
        var checkpoint = await CheckpointAsync();
        var chained = chain.Verify(userId, checkpoint, events);
        var last = events.Count > 0 ? events[^1].Sequence : checkpoint?.Sequence ?? 0;
        if (!chained.Valid || last >= _head.Sequence)
        {
            return chained;
        }

        return new AuditVerification(false, events.Count, last + 1, $"the trail ends at event {last}, but events up to {_head.Sequence} were written (the end of the trail was removed)");
    }

    /// <summary>Turns an entry into the next event of the chain.</summary>
    public AuditEvent Seal(AuditEntry entry)
    {
        var unsigned = new AuditEvent
        {
            Sequence = _head.Sequence + 1,
            Time = time.GetUtcNow(),
            Actor = entry.Caller.Subject,
            Scopes = entry.Caller.Scopes.ToArray(),
            Operation = entry.Operation,
            Outcome = entry.Outcome,
            MemoryIds = entry.MemoryIds.ToArray(),
            TraceId = entry.TraceId,
            Detail = entry.Detail,
            KeyId = string.Empty,
            PreviousHash = string.Empty,
            Hash = string.Empty,
        };
        var linked = chain.Link(unsigned, _head.Hash);
        _head = (linked.Sequence, linked.Hash);
        entry.Recorded = true;
        return linked;
    }

    /// <summary>Undoes <see cref="Seal"/> for the events of a snapshot write that failed; nothing was sealed after them.</summary>
    public void Rewind((long Sequence, string Hash) head, IEnumerable<AuditEntry> entries)
    {
        _head = head;
        foreach (var entry in entries)
        {
            entry.Recorded = false;
        }
    }

    /// <summary>Seals the entry of a call that wrote no snapshot; its event waits for the next batch append.</summary>
    public void Defer(AuditEntry entry) => _deferred.Add(Seal(entry));

    /// <summary>
    /// Hands the deferred events to a snapshot write, which carries them in its outbox ahead of its
    /// own event. Should the write fail, <see cref="Restore"/> takes them back.
    /// </summary>
    public List<AuditEvent> TakeDeferred()
    {
        var taken = _deferred.ToList();
        _deferred.Clear();
        return taken;
    }

    /// <summary>Takes back deferred events a failed snapshot write did not make durable; they keep their place in the chain.</summary>
    public void Restore(List<AuditEvent> events) => _deferred.InsertRange(0, events);

    /// <summary>Appends the deferred events in one round trip; they stay deferred if the store refuses.</summary>
    public async Task AppendDeferredAsync()
    {
        if (_deferred.Count == 0)
        {
            return;
        }

        var batch = _deferred.ToList();
        await AppendAsync(batch);

        // By sequence, not by position: a write that ran while this append was in flight may have
        // taken the deferred events into its snapshot (and, failing, put them back).
        var last = batch[^1].Sequence;
        _deferred.RemoveAll(e => e.Sequence <= last);
    }

    /// <summary>
    /// Appends the outbox's events to the log in order, in one round trip, and empties the outbox.
    /// An event already in the log (a replay) is not appended or published again.
    /// </summary>
    public async Task FlushAsync(List<AuditEvent> outbox)
    {
        if (outbox.Count == 0)
        {
            return;
        }

        await AppendAsync(outbox);
        outbox.Clear();
    }

    /// <summary>Every event of the user, ordered by sequence, deferred ones included (they are appended first).</summary>
    public async Task<IReadOnlyList<AuditEvent>> ReadAllAsync()
    {
        await AppendDeferredAsync();
        return await log.ReadAllAsync(userId);
    }

    private async Task AppendAsync(IReadOnlyList<AuditEvent> events)
    {
        var appended = await log.AppendAsync(userId, events);
        _appended = Math.Max(_appended, events.Max(e => e.Sequence));

        // The log is the record; the stream only tells live consumers. A publish that fails (the
        // stream's queue is gone during a silo shutdown, say) must not make durable events look
        // unwritten, or they would be appended again and published twice.
        try
        {
            foreach (var auditEvent in appended)
            {
                await stream.OnNextAsync(auditEvent);
            }
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, appended.Count, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {EventCount} audit events on the live stream failed; they are in the durable log")]
    private static partial void LogPublishFailed(ILogger logger, int eventCount, Exception exception);

    private long CountBoundary()
    {
        var excess = _appended - _retainedFrom + 1 - options.RetainEvents;
        return excess >= Math.Max(1, options.RetainEvents / 10) ? _appended - options.RetainEvents : 0;
    }

    /// <summary>The last event older than the retention age (events are in time order, so a binary search finds it).</summary>
    private async Task<long> AgeBoundaryAsync()
    {
        if (!_ageCheckDue)
        {
            return 0;
        }

        _ageCheckDue = false;
        var cutoff = time.GetUtcNow() - options.RetainFor;

        // Usually even the oldest kept event is young enough: one read, no search.
        if (await log.ReadAsync(userId, _retainedFrom) is not { } oldest || oldest.Time >= cutoff)
        {
            return 0;
        }

        long low = _retainedFrom + 1, high = _appended, boundary = _retainedFrom;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (await log.ReadAsync(userId, middle) is not { } probe)
            {
                break;
            }

            if (probe.Time < cutoff)
            {
                boundary = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return boundary;
    }
}
