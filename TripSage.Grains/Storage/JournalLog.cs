using System.Globalization;
using StackExchange.Redis;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// Users' journals in the store: one hash per user (<see cref="StoreKeys.Journal"/>) from zero-padded
/// sequence to sealed record. Plain commands only, no script (the embedded Garnet runs each command
/// of a script about a millisecond slower): an append is <c>HSETNX</c> — so each sequence is written
/// once, by one activation — pipelined with an <c>HGET</c> of the snapshot's etag in the same round
/// trip. Works on Garnet, Redis and Dragonfly.
/// </summary>
internal sealed class JournalLog(StoreConnection store) : IJournalLog
{
    // The field the Orleans Redis provider keeps a snapshot's etag in.
    private const string ETagField = "etag";

    public async Task<IReadOnlyList<(long Sequence, byte[] Record)>> ReadAllAsync(string userId)
    {
        var entries = await (await DatabaseAsync()).HashGetAllAsync(Key(userId));
        return entries.Select(e => (long.Parse((string)e.Name!, CultureInfo.InvariantCulture), (byte[])e.Value!)).ToList();
    }

    public async Task<JournalAppend> AppendAsync(string userId, long sequence, byte[] record, string snapshotETag)
    {
        var db = await DatabaseAsync();

        // Not atomic, and it need not be: a record lands only on a free sequence, and the etag is read
        // after it landed, so a fold or erase that happened before the record landed is always seen.
        var claimed = db.HashSetAsync(Key(userId), Field(sequence), record, When.NotExists);
        var etag = db.HashGetAsync(StoreKeys.Snapshot(store.KeyPrefix, userId), ETagField);
        await Task.WhenAll(claimed, etag);
        return !claimed.Result ? JournalAppend.SequenceTaken
            : (string?)etag.Result != snapshotETag ? JournalAppend.SnapshotReplaced
            : JournalAppend.Appended;
    }

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

    // Zero-padded so that the fields sort in sequence order as plain strings.
    private static string Field(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);
}
