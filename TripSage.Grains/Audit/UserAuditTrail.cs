using Orleans.Streams;
using TripSage.Memory.Grains.Security.Auth;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// One user's audit trail as the user's grain sees it: the chain head, turning entries into linked
/// events, and moving events from the snapshot's outbox to the durable log and the live stream.
/// </summary>
internal sealed class UserAuditTrail(string userId, AuditChain chain, IAuditLog log, IAsyncStream<AuditEvent> stream, TimeProvider time)
{
    private (long Sequence, string Hash) _head;

    public (long Sequence, string Hash) Head => _head;

    /// <summary>Replays what a previous activation left in the outbox, then takes the chain head from the log.</summary>
    public async Task LoadAsync(List<AuditEvent> outbox)
    {
        await FlushAsync(outbox);
        _head = await log.HeadAsync(userId);
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

    /// <summary>Undoes <see cref="Seal"/> for an event whose snapshot write failed.</summary>
    public void Rewind((long Sequence, string Hash) head, AuditEntry? entry)
    {
        _head = head;
        if (entry is not null)
        {
            entry.Recorded = false;
        }
    }

    /// <summary>Appends an event straight to the log, for calls that wrote no snapshot.</summary>
    public async Task AppendAsync(AuditEvent auditEvent)
    {
        if (await log.AppendAsync(userId, auditEvent))
        {
            await stream.OnNextAsync(auditEvent);
        }
    }

    /// <summary>
    /// Appends the outbox's events to the log in order and removes them from the outbox. An event
    /// already in the log (a replay) is not appended or published again.
    /// </summary>
    public async Task FlushAsync(List<AuditEvent> outbox)
    {
        while (outbox.Count > 0)
        {
            await AppendAsync(outbox[0]);
            outbox.RemoveAt(0);
        }
    }

    public Task<IReadOnlyList<AuditEvent>> ReadAllAsync() => log.ReadAllAsync(userId);
}
