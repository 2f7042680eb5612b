using Orleans.Serialization;
using Orleans.Storage;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// One activation's view of its user's journal: the encrypted change records written since the
/// snapshot, so that a write costs what it changed rather than the whole user. A write appends one
/// record (<see cref="AppendAsync"/>); every so often the grain writes the full snapshot through the
/// Orleans provider, naming the last record it holds (<see cref="UserMemoryState.JournalSequence"/>),
/// and the records it folded are removed (<see cref="TrimAsync"/>). Activation is the snapshot plus
/// the records after it (<see cref="ReadAsync"/>).
/// </summary>
/// <remarks>
/// <para>Records are sealed like snapshots (<see cref="SnapshotCipher"/>) with the data key the
/// activation's snapshot storage read or created (<see cref="UserMemoryState.DataKey"/>): the journal
/// never fetches or creates a key itself. The grain id and the record's sequence are the associated
/// data, so a record copied to another user or to another place in the journal does not open. Erase
/// destroys the data key, and with it every record.</para>
/// <para><b>Why two activations of one user can never fork its data</b> (also in docs/architecture.md):</para>
/// <list type="number">
/// <item>An append is one atomic script in the store (<see cref="JournalLog"/>): it writes the record
/// only if the user's snapshot still has the etag the activation last read or wrote <i>and</i> the
/// record's sequence is free. A stale activation's append therefore changes nothing — it never lands
/// beside, between or after another activation's records — and fails its callers with
/// <see cref="InconsistentStateException"/>; the activation then deactivates.</item>
/// <item>An activation at sequence n writes only n+1, each sequence at most once, so the records
/// after a snapshot form one chain, and an activation's state is always the snapshot it read plus a
/// prefix of that chain; an append succeeds only for an activation that holds the whole chain.</item>
/// <item>A user has journal records only while it has a snapshot: a user's first write (and the first
/// after an erase) writes the snapshot itself through the provider's etag check, so two new
/// activations cannot both start a chain. Records an interrupted erase left behind are removed, in
/// one atomic step that checks there is still no snapshot, when an activation finds none.</item>
/// <item>A fold (the full snapshot) goes through the provider's etag check and changes the etag, so
/// no append of an older etag lands after it. A stale activation's fold fails and it deactivates.
/// Folds only move the snapshot forward, and a crash anywhere between append, fold and trim leaves
/// a snapshot and a chain whose replay is the last acknowledged state: records at or below the
/// snapshot's sequence are skipped, never applied twice.</item>
/// </list>
/// <para>Used only on the grain's scheduler.</para>
/// </remarks>
internal sealed class Journal(string userId, string grainId, IJournalLog log, SnapshotCipher cipher, Serializer serializer, JournalOptions options)
{
    // Sequences this activation knows are in the store at or below the snapshot's: removed by the next trim.
    private readonly List<long> _folded = [];
    private readonly List<long> _unfolded = [];

    /// <summary>The last record written or replayed: the state the activation holds.</summary>
    public long Sequence { get; private set; }

    /// <summary>Records written or replayed since the snapshot.</summary>
    public int Records => _unfolded.Count;

    /// <summary>Bytes of sealed records written or replayed since the snapshot.</summary>
    public long Bytes { get; private set; }

    /// <summary>
    /// The records to replay after the snapshot of <paramref name="snapshot"/> (the state as read,
    /// with its data key), in order; none when the user has no snapshot (<paramref name="snapshotExists"/>),
    /// and then records an interrupted erase left are removed. Records at or below the snapshot's
    /// sequence were folded and are left for the next trim.
    /// </summary>
    /// <exception cref="SnapshotUnreadableException">A record is missing from the chain, or does not open under the user's data key.</exception>
    public async Task<IReadOnlyList<MemoryChanges>> ReadAsync(UserMemoryState snapshot, bool snapshotExists)
    {
        _folded.Clear();
        _unfolded.Clear();
        Bytes = 0;
        Sequence = snapshotExists ? snapshot.JournalSequence : 0;
        if (!snapshotExists)
        {
            await log.DeleteUnlessSnapshotAsync(userId);
            return [];
        }

        var stored = await log.ReadAllAsync(userId);
        if (stored.Count == 0)
        {
            return [];
        }

        var dataKey = snapshot.DataKey ?? throw new InvalidOperationException($"The snapshot of '{grainId}' was read without its data key; the journal cannot be opened.");
        var changes = new List<MemoryChanges>();
        foreach (var (sequence, record) in stored.OrderBy(r => r.Sequence))
        {
            if (sequence <= snapshot.JournalSequence)
            {
                _folded.Add(sequence);
                continue;
            }

            if (sequence != Sequence + 1)
            {
                throw new SnapshotUnreadableException(
                    $"The journal of '{grainId}' misses record {Sequence + 1} (the next one is {sequence}): records were removed from outside. Nothing was changed.");
            }

            changes.Add(Open(sequence, record, dataKey));
            _unfolded.Add(sequence);
            Bytes += record.Length;
            Sequence = sequence;
        }

        return changes;
    }

    /// <summary>
    /// Appends <paramref name="changes"/> as the next record, sealed with <paramref name="dataKey"/>,
    /// extending the snapshot whose etag is <paramref name="snapshotETag"/>. Returns once the record is durable.
    /// </summary>
    /// <exception cref="InconsistentStateException">Another activation of the user wrote first: this one is stale, and nothing was written.</exception>
    public async Task AppendAsync(MemoryChanges changes, string snapshotETag, DataKey dataKey)
    {
        var sequence = Sequence + 1;
        var record = cipher.Seal(serializer.SerializeToArray(changes), Context(sequence), dataKey);
        switch (await log.AppendAsync(userId, sequence, record, snapshotETag))
        {
            case JournalAppend.SequenceTaken:
                throw new InconsistentStateException(
                    $"Another activation of '{grainId}' wrote journal record {sequence} first; this activation is out of date and nothing was written. Retry the call.");
            case JournalAppend.SnapshotReplaced:
                throw new InconsistentStateException(
                    $"The snapshot of '{grainId}' was replaced by another activation; this activation is out of date and journal record {sequence} was not written. Retry the call.");
        }

        _unfolded.Add(sequence);
        Bytes += record.Length;
        Sequence = sequence;
    }

    /// <summary>
    /// Whether the journal should be folded into a snapshot now: it holds
    /// <see cref="JournalOptions.CompactAfterRecords"/> records, or as many bytes as the larger of
    /// <see cref="JournalOptions.CompactAfterBytes"/> and the last snapshot.
    /// </summary>
    public bool CompactionDue(int snapshotBytes) =>
        Records > 0 && (Records >= options.CompactAfterRecords || Bytes >= Math.Max(options.CompactAfterBytes, snapshotBytes));

    /// <summary>A snapshot holding everything up to <see cref="Sequence"/> was written: the records so far are folded.</summary>
    public void Folded()
    {
        _folded.AddRange(_unfolded);
        _unfolded.Clear();
        Bytes = 0;
    }

    /// <summary>Removes the folded records from the store. Housekeeping: what is left is removed by a later trim, and never replayed.</summary>
    public async Task TrimAsync()
    {
        if (_folded.Count == 0)
        {
            return;
        }

        var trimmed = _folded.ToList();
        await log.RemoveAsync(userId, trimmed);
        _folded.RemoveAll(trimmed.Contains);
    }

    /// <summary>
    /// Erase, after the snapshot and the data key are gone: removes the journal. The sequence goes
    /// on; the next write starts a new snapshot anyway.
    /// </summary>
    public async Task DeleteAsync()
    {
        _folded.Clear();
        _unfolded.Clear();
        Bytes = 0;
        await log.DeleteAsync(userId);
    }

    private MemoryChanges Open(long sequence, byte[] record, DataKey dataKey)
    {
        try
        {
            return serializer.Deserialize<MemoryChanges>(cipher.Open(record, Context(sequence), dataKey))
                ?? throw new SnapshotUnreadableException($"Journal record {sequence} of '{grainId}' is empty. Nothing was changed.");
        }
        catch (SnapshotUnreadableException ex)
        {
            throw new SnapshotUnreadableException($"Journal record {sequence} of '{grainId}' cannot be read: {ex.Message} Nothing was changed.", ex);
        }
        catch (Exception ex)
        {
            throw new SnapshotUnreadableException($"Journal record {sequence} of '{grainId}' opened but does not deserialize: it was written by an incompatible version. Nothing was changed.", ex);
        }
    }

    // The associated data of a record: its user and its place in the journal.
    private string Context(long sequence) => $"{grainId}/journal/{sequence}";
}
