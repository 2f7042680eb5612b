namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// One user's audit trail as the user's grain sees it: the chain head, turning entries into linked
/// events, and handing them to the silo's <see cref="AuditAppender"/> as pages. A call that writes
/// nothing (a read, a denial, a failure) has its event sealed and queued: it reaches the log with the
/// silo's next flush, within <see cref="AuditOptions.FlushDelay"/>, and the call issues no store
/// command. A write carries its event, and the events still queued, in its durable record (journal
/// record or snapshot, whose outbox holds them); once that record is durable they are queued for the
/// next flush too, and the user's next call does not wait for it: a crash before the flush loses none
/// of them, the next activation moves them from the record to the log. Retention removes the oldest
/// pages behind a signed checkpoint. Used only on the grain's scheduler.
/// </summary>
internal sealed class UserAuditTrail(string userId, AuditChain chain, IAuditLog log, AuditAppender appender, TimeProvider time, AuditOptions options)
{
    // Pages handed to the appender and not yet known to be durable, oldest first.
    private readonly List<AuditPending> _pending = [];
    private (long Sequence, string Hash) _head;
    private long _pages;

    // The highest sequence handed to the appender; the highest one durable in a write's record (or
    // in the log); the first one retention kept.
    private long _queued;
    private long _recorded;
    private long _retainedFrom = 1;

    // Age is checked once per activation: events do not age out by the minute.
    private bool _ageCheckDue = true;
    private bool _retaining;

    public (long Sequence, string Hash) Head => _head;

    /// <summary>Events sealed but not yet durable anywhere (neither in the log nor in a write's record): what a crash right now would lose.</summary>
    public int DeferredCount => Undurable().Sum(p => p.Page.Events.Count(e => e.Sequence > _recorded));

    /// <summary>Whether enough events gathered past the count limit for <see cref="ApplyRetentionAsync"/> to remove some.</summary>
    public bool RetentionDue => CountBoundary() > 0;

    /// <summary>Takes the chain head from the log, then queues (and awaits) what a previous activation left in the outbox past it.</summary>
    public async Task LoadAsync(List<AuditEvent> outbox)
    {
        var head = log.HeadAsync(userId);
        var checkpoint = log.CheckpointAsync(userId);
        await Task.WhenAll(head, checkpoint);
        _head = (head.Result.Sequence, head.Result.Hash);
        _pages = head.Result.Pages;
        _queued = _head.Sequence;
        _retainedFrom = checkpoint.Result?.Sequence + 1 ?? 1;
        var replay = outbox.Where(e => e.Sequence > _head.Sequence).ToList();
        if (replay.Count > 0)
        {
            _head = (replay[^1].Sequence, replay[^1].Hash);
        }

        // What the log holds, and past it what the records replayed hold.
        _recorded = _head.Sequence;

        await FlushAsync(outbox);
    }

    /// <summary>
    /// Removes what retention no longer keeps — beyond <see cref="AuditOptions.RetainEvents"/> (once a
    /// tenth more has gathered) or, once per activation, older than <see cref="AuditOptions.RetainFor"/> —
    /// whole pages at a time, and signs a checkpoint at the new start.
    /// </summary>
    public async Task ApplyRetentionAsync()
    {
        // Appends and calls interleave, and several end here: one trim at a time.
        if (_retaining)
        {
            return;
        }

        _retaining = true;
        try
        {
            var count = CountBoundary();
            var cutoff = await AgeCutoffAsync();
            if (count < _retainedFrom && cutoff is null)
            {
                return;
            }

            // Only what is durable is trimmed, so nothing queued can land behind the checkpoint.
            await DurableAsync();
            var stored = await log.ReadAllAsync(userId);
            var removable = stored.Events
                .Select((e, i) => (Event: e, Page: stored.PageOf[i]))
                .TakeWhile(e => e.Event.Sequence <= count || (cutoff is { } c && e.Event.Time < c))
                .ToList();

            // Whole pages only: a page whose last event must stay is kept with all of it.
            var lastPage = removable.Count == 0 ? 0 : removable[^1].Page;
            var next = stored.Events.Skip(removable.Count).FirstOrDefault();
            if (next is not null && stored.PageOf[removable.Count] == lastPage && lastPage != 0)
            {
                removable = removable.Where(e => e.Page != lastPage).ToList();
            }

            if (removable.Count == 0 || removable[^1].Event.Operation == AuditChain.Unreadable)
            {
                return;
            }

            var last = removable[^1];
            var pages = removable.Select(e => e.Page).Where(p => p > 0).Distinct().ToList();
            var firstKeptPage = pages.Count > 0 ? pages.Max() + 1 : stored.Checkpoint?.FirstPage ?? 0;
            var checkpoint = chain.Checkpoint(userId, last.Event.Sequence, last.Event.Hash, time.GetUtcNow()) with { FirstPage = firstKeptPage };
            await log.TrimAsync(userId, checkpoint, removable.Any(e => e.Page == 0) ? _retainedFrom : long.MaxValue, pages);
            _retainedFrom = last.Event.Sequence + 1;
        }
        finally
        {
            _retaining = false;
        }
    }

    /// <summary>
    /// Checks the kept trail from its checkpoint, then that its end is where it must be: at the signed
    /// head mark written with the last page (removing the last events while no grain is active, or
    /// across a restart, leaves the mark pointing past them), and at the last event this activation
    /// sealed and queued. Every failure names the first sequence concerned.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync()
    {
        await DurableAsync();
        var stored = await log.ReadAllAsync(userId);
        var events = stored.Events;
        var chained = chain.Verify(userId, stored.Checkpoint, events);
        if (!chained.Valid)
        {
            return chained;
        }

        var last = events.Count > 0 ? events[^1].Sequence : stored.Checkpoint?.Sequence ?? 0;
        AuditVerification Broken(long sequence, string problem) => new(false, events.Count, sequence, problem);
        if (stored.MarkStored && (stored.Mark is not { } stale || !chain.Authentic(userId, stale)))
        {
            return Broken(last, "the signed head mark that records where the trail ends does not authenticate (it was altered or forged)");
        }

        if (stored.Mark is { } mark)
        {
            if (last < mark.Sequence)
            {
                return Broken(last + 1, $"the trail ends at event {last}, but the signed head mark records events up to {mark.Sequence} (events {last + 1} to {mark.Sequence} were removed)");
            }

            var marked = events.FirstOrDefault(e => e.Sequence == mark.Sequence);
            if (marked is not null && !marked.Hash.StartsWith(mark.HashPrefix, StringComparison.Ordinal))
            {
                return Broken(mark.Sequence, $"event {mark.Sequence} is not the one the signed head mark records (the end of the trail was replaced)");
            }

            if (last > mark.Sequence)
            {
                return Broken(mark.Sequence + 1, $"events {mark.Sequence + 1} to {last} follow the signed head mark's last event {mark.Sequence} (the mark was set back to an older one)");
            }
        }
        else if (stored.Pages > 0)
        {
            return Broken(last, "the trail's pages have no head mark (it was removed), so its end cannot be checked");
        }

        if (last < _head.Sequence)
        {
            return Broken(last + 1, $"the trail ends at event {last}, but events up to {_head.Sequence} were written (the end of the trail was removed)");
        }

        // Intact, but an operator should know what a silo declared dead could not add (docs/operations.md).
        return chained with { SetAsidePages = stored.SetAside };
    }

    /// <summary>Turns an entry into the next event of the chain.</summary>
    public AuditEvent Seal(AuditEntry entry)
    {
        var unsigned = new AuditEvent
        {
            UserId = userId,
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

    /// <summary>Undoes <see cref="Seal"/> for the events of a snapshot write that failed; nothing was sealed or queued after them.</summary>
    public void Rewind((long Sequence, string Hash) head, IEnumerable<AuditEntry> entries)
    {
        _head = head;
        foreach (var entry in entries)
        {
            entry.Recorded = false;
        }
    }

    /// <summary>Seals the entry of a call that wrote no snapshot and queues its event for the silo's next flush.</summary>
    public void Defer(AuditEntry entry) => Queue([Seal(entry)]);

    /// <summary>
    /// Puts the events queued but not yet durable into a write's record (ahead of the write's own), so
    /// that a crash before the next flush loses none of them once the write succeeded. Events an
    /// earlier write's record carried are durable with it and are not carried again.
    /// </summary>
    public void CarryInto(List<AuditEvent> record) =>
        record.AddRange(Undurable().SelectMany(p => p.Page.Events).Where(e => e.Sequence > _recorded));

    /// <summary>
    /// After a write's record is durable: queues the outbox's events not queued before for the silo's
    /// next flush, without waiting for it (the record already keeps them: a crash before the flush
    /// loses none), and drops from the outbox what the log holds, so that it does not grow.
    /// </summary>
    public void Recorded(List<AuditEvent> outbox)
    {
        if (outbox.Count == 0)
        {
            return;
        }

        var fresh = outbox.Where(e => e.Sequence > _queued).ToList();
        if (fresh.Count > 0)
        {
            Queue(fresh);
        }

        _recorded = Math.Max(_recorded, outbox[^1].Sequence);
        var logged = Undurable().FirstOrDefault() is { } first ? first.Page.Events[0].Sequence - 1 : _queued;
        outbox.RemoveAll(e => e.Sequence <= logged);
    }

    /// <summary>Completes once every queued event is in the log (asking the silo to flush now); throws if that flush failed.</summary>
    public async Task DurableAsync()
    {
        foreach (var pending in Undurable().ToList())
        {
            await appender.DurableAsync(pending);
        }

        _pending.RemoveAll(p => p.Durable);
    }

    /// <summary>
    /// Queues the outbox's events not queued before, waits until they are durable, and empties the
    /// outbox. An event the log already holds (a replay) is not queued again.
    /// </summary>
    public async Task FlushAsync(List<AuditEvent> outbox)
    {
        var fresh = outbox.Where(e => e.Sequence > _queued).ToList();
        if (fresh.Count > 0)
        {
            Queue(fresh);
        }

        await DurableAsync();
        outbox.Clear();
    }

    /// <summary>Every kept event of the user, ordered by sequence, queued ones included (they are written first).</summary>
    public async Task<IReadOnlyList<AuditEvent>> ReadAllAsync()
    {
        await DurableAsync();
        return (await log.ReadAllAsync(userId)).Events;
    }

    private void Queue(IReadOnlyList<AuditEvent> events)
    {
        _pending.RemoveAll(p => p.Durable);
        _pages++;
        var last = events[^1];
        var page = new AuditPageWrite(userId, _pages, AuditPageCodec.Encode(events), chain.Mark(userId, last.Sequence, last.Hash, _pages), events);
        _pending.Add(appender.Enqueue(page));
        _queued = last.Sequence;
    }

    private IEnumerable<AuditPending> Undurable() => _pending.Where(p => !p.Durable);

    private long CountBoundary()
    {
        var excess = _head.Sequence - _retainedFrom + 1 - options.RetainEvents;
        return excess >= Math.Max(1, options.RetainEvents / 10) ? _head.Sequence - options.RetainEvents : 0;
    }

    /// <summary>Once per activation: the retention age's cutoff, when the oldest kept event is older (one read usually says it is not).</summary>
    private async Task<DateTimeOffset?> AgeCutoffAsync()
    {
        if (!_ageCheckDue)
        {
            return null;
        }

        _ageCheckDue = false;
        var cutoff = time.GetUtcNow() - options.RetainFor;
        return await log.OldestAsync(userId) is { } oldest && oldest.Time < cutoff ? cutoff : null;
    }
}
