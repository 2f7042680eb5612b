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
/// <para>Records are sealed like snapshots (<see cref="SnapshotCipher"/>, the user's data key), with
/// the grain id and the record's sequence as associated data: a record copied to another user or to
/// another place in the journal does not open. Erase destroys the data key, and with it every record.</para>
/// <para><b>Why two activations of one user can never fork its data</b> (also in docs/architecture.md):</para>
/// <list type="number">
/// <item>Every sequence is written at most once (<c>HSETNX</c>). An activation at sequence n writes
/// only n+1, so the records after a snapshot form one chain, and an activation's state is always the
/// snapshot it read plus a prefix of that chain. A loser of the race for n+1 changed nothing in the
/// store; it fails its callers with <see cref="InconsistentStateException"/> and deactivates.</item>
/// <item>A user has journal records only while it has a snapshot: a user's first write (and the first
/// after an erase) writes the snapshot itself, through the provider's etag check, so two new
/// activations cannot both start a chain.</item>
/// <item>An append reads the snapshot's etag after its record landed, in the same round trip. A
/// folded record is removed only after the snapshot holding it was written, which changes the etag;
/// so a stale activation that lands a record on a removed sequence sees a foreign etag, tells its
/// callers the write failed (<see cref="InconsistentStateException"/>) and deactivates. Such a record
/// lies at or below the snapshot's sequence and is never replayed. If it landed above (it extended
/// the chain after all), it is replayed: its callers heard "failed" for a change that is kept — the
/// same uncertainty as a timeout, never a lost acknowledged change.</item>
/// <item>A fold goes through the provider's etag check. A stale activation's fold fails (another
/// fold or an erase changed the etag) and the activation deactivates; one whose etag is still current
/// holds a prefix of the chain, so its snapshot is exactly that prefix and the records after it stay.
/// Folds therefore only move the snapshot forward, and a crash anywhere between append, fold and trim
/// leaves a snapshot and a chain whose replay is the last acknowledged state: records at or below the
/// snapshot's sequence are skipped, never applied twice.</item>
/// <item>After an erase a stale activation's record, sealed with the destroyed key, may still land;
/// replay removes records sealed with any key but the user's current one.</item>
/// </list>
/// <para>Used only on the grain's scheduler.</para>
/// </remarks>
internal sealed class Journal(string userId, string grainId, IJournalLog log, SnapshotCipher cipher, DataKeyStore dataKeys, Serializer serializer, JournalOptions options)
{
    // Sequences this activation knows are in the store at or below the snapshot's: removed by the next trim.
    private readonly List<long> _folded = [];
    private readonly List<long> _unfolded = [];
    private DataKey? _dataKey;

    /// <summary>The last record written or replayed: the state the activation holds.</summary>
    public long Sequence { get; private set; }

    /// <summary>Records written or replayed since the snapshot.</summary>
    public int Records => _unfolded.Count;

    /// <summary>Bytes of sealed records written or replayed since the snapshot.</summary>
    public long Bytes { get; private set; }

    /// <summary>
    /// The records to replay after the snapshot at <paramref name="snapshotSequence"/> (or none when
    /// the user has no snapshot), in order. Records at or below it were folded and are left for the
    /// next trim; records sealed under another data key (a stale activation's, after an erase) are removed.
    /// </summary>
    /// <exception cref="SnapshotUnreadableException">A record is missing from the chain, or does not open.</exception>
    public async Task<IReadOnlyList<MemoryChanges>> ReadAsync(long? snapshotSequence)
    {
        _folded.Clear();
        _unfolded.Clear();
        Bytes = 0;
        Sequence = snapshotSequence ?? 0;
        if (snapshotSequence is not { } after)
        {
            // No snapshot, so no acknowledged record (rule 2). A stray a stale activation left after an
            // erase is found and removed at the first activation that reads it behind a snapshot (rule 5).
            return [];
        }

        var stored = await log.ReadAllAsync(userId);
        if (stored.Count == 0)
        {
            return [];
        }

        _dataKey ??= await dataKeys.GetAsync(userId);
        var strays = new List<long>();
        var chain = new List<(long Sequence, byte[] Record)>();
        foreach (var (sequence, record) in stored.OrderBy(r => r.Sequence))
        {
            if (_dataKey is null || SnapshotCipher.KeyIdOf(record, Context(sequence)) != _dataKey.Id)
            {
                strays.Add(sequence);
            }
            else if (sequence <= after)
            {
                _folded.Add(sequence);
            }
            else
            {
                chain.Add((sequence, record));
            }
        }

        var changes = new List<MemoryChanges>(chain.Count);
        foreach (var (sequence, record) in chain)
        {
            if (sequence != Sequence + 1)
            {
                throw new SnapshotUnreadableException(
                    $"The journal of '{grainId}' misses record {Sequence + 1} (the next one is {sequence}): records were removed from outside. Nothing was changed.");
            }

            changes.Add(serializer.Deserialize<MemoryChanges>(cipher.Open(record, Context(sequence), _dataKey!))
                ?? throw new SnapshotUnreadableException($"Journal record {sequence} of '{grainId}' is empty. Nothing was changed."));
            _unfolded.Add(sequence);
            Bytes += record.Length;
            Sequence = sequence;
        }

        await log.RemoveAsync(userId, strays);
        return changes;
    }

    /// <summary>
    /// Appends <paramref name="changes"/> as the next record, extending the snapshot whose etag is
    /// <paramref name="snapshotETag"/>. Returns once the record is durable.
    /// </summary>
    /// <exception cref="InconsistentStateException">Another activation of the user wrote first: this one is stale.</exception>
    public async Task AppendAsync(MemoryChanges changes, string snapshotETag)
    {
        var sequence = Sequence + 1;

        // Serialized before the first await: the model may not change meanwhile, but nothing depends on it.
        var plaintext = serializer.SerializeToArray(changes);
        _dataKey ??= await dataKeys.GetOrCreateAsync(userId);
        var record = cipher.Seal(plaintext, Context(sequence), _dataKey);
        switch (await log.AppendAsync(userId, sequence, record, snapshotETag))
        {
            case JournalAppend.SequenceTaken:
                throw new InconsistentStateException(
                    $"Another activation of '{grainId}' wrote journal record {sequence} first; this activation is out of date and was not changed. Retry the call.");
            case JournalAppend.SnapshotReplaced:
                throw new InconsistentStateException(
                    $"The snapshot of '{grainId}' was replaced by another activation while this one wrote journal record {sequence}; the change may or may not be kept. Read before retrying.");
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
    /// Erase: removes the journal and forgets the data key (destroyed with the snapshot). The sequence
    /// goes on, so a stale activation's record cannot take the place of a new one.
    /// </summary>
    public async Task DeleteAsync()
    {
        _dataKey = null;
        _folded.Clear();
        _unfolded.Clear();
        Bytes = 0;
        await log.DeleteAsync(userId);
    }

    // The associated data of a record: its user and its place in the journal.
    private string Context(long sequence) => $"{grainId}/journal/{sequence}";
}
