using System.Globalization;
using StackExchange.Redis;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// Users' journals in the store: one hash per user (<see cref="StoreKeys.Journal"/>) from zero-padded
/// sequence to sealed record. An append is one script, so the store runs its etag check and its
/// write as one step (Garnet runs scripts in transaction mode, Redis and Dragonfly always atomically):
/// the record is written only if the user's snapshot (the Orleans Redis provider's hash) still has
/// the etag the activation holds and the sequence is free. Hashes and scripts only, so it works on
/// Garnet, Redis and Dragonfly.
/// </summary>
internal sealed class JournalLog(StoreConnection store) : IJournalLog
{
    // KEYS[1] the snapshot hash, KEYS[2] the journal hash; ARGV: etag, field, record.
    // 0 appended, 1 the sequence is taken, 2 the snapshot's etag is another (nothing written either way).
    private const string AppendScript = """
        if redis.call('HGET', KEYS[1], 'etag') ~= ARGV[1] then return 2 end
        if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 0 then return 1 end
        return 0
        """;

    // KEYS[1] the snapshot hash, KEYS[2] the journal hash: the journal goes only while there is no snapshot.
    private const string DeleteUnlessSnapshotScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        return redis.call('DEL', KEYS[2])
        """;

    public async Task<IReadOnlyList<(long Sequence, byte[] Record)>> ReadAllAsync(string userId)
    {
        var entries = await (await DatabaseAsync()).HashGetAllAsync(Key(userId));
        return entries.Select(e => (long.Parse((string)e.Name!, CultureInfo.InvariantCulture), (byte[])e.Value!)).ToList();
    }

    public async Task<JournalAppend> AppendAsync(string userId, long sequence, byte[] record, string snapshotETag)
    {
        var result = (int)await (await DatabaseAsync()).ScriptEvaluateAsync(
            AppendScript, [SnapshotKey(userId), Key(userId)], [snapshotETag, Field(sequence), record]);
        return result switch
        {
            0 => JournalAppend.Appended,
            1 => JournalAppend.SequenceTaken,
            _ => JournalAppend.SnapshotReplaced,
        };
    }

    public async Task DeleteUnlessSnapshotAsync(string userId) =>
        await (await DatabaseAsync()).ScriptEvaluateAsync(DeleteUnlessSnapshotScript, [SnapshotKey(userId), Key(userId)]);

    public async Task RemoveAsync(string userId, IReadOnlyCollection<long> sequences)
    {
        if (sequences.Count > 0)
        {
            await (await DatabaseAsync()).HashDeleteAsync(Key(userId), sequences.Select(s => (RedisValue)Field(s)).ToArray());
        }
    }

    public async Task DeleteAsync(string userId) => await (await DatabaseAsync()).KeyDeleteAsync(Key(userId));

    private async Task<IDatabase> DatabaseAsync() => (await store.GetAsync()).GetDatabase();

    private RedisKey Key(string userId) => StoreKeys.Journal(store.KeyPrefix, userId);

    private RedisKey SnapshotKey(string userId) => StoreKeys.Snapshot(store.KeyPrefix, userId);

    // Zero-padded so that the fields sort in sequence order as plain strings.
    private static string Field(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);
}
