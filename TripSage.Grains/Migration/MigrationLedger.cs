using StackExchange.Redis;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains.Migration;

/// <summary>
/// The migration's own records, all in the source store under its prefix (<see cref="StoreKeys"/>): the
/// rollout, where each moved user lives, the per-user copy locks and the verification outcomes. Kept in
/// the source store because that is the store every silo already trusts before the migration starts.
/// </summary>
internal sealed class MigrationLedger(StoreConnection source)
{
    // Raises the epoch and sets the percentage in one step, so two admins setting at once get two epochs.
    private const string SetRolloutScript = """
        local epoch = redis.call('HINCRBY', KEYS[1], 'epoch', 1)
        redis.call('HSET', KEYS[1], 'percent', ARGV[1], 'changed', ARGV[2])
        return epoch
        """;

    // Releases a lock only if it is still the caller's (a lock that timed out may be someone else's now).
    private const string UnlockScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private const string Percent = "percent";
    private const string Epoch = "epoch";
    private const string Changed = "changed";
    private const string Moves = "moves";
    private const string MovedBytes = "bytes";

    public async Task<MigrationRollout> ReadRolloutAsync()
    {
        var fields = await (await DatabaseAsync()).HashGetAsync(StoreKeys.MigrationRollout(source.KeyPrefix), [Percent, Epoch, Changed]);
        if (fields[1].IsNull)
        {
            return MigrationRollout.None;
        }

        return new MigrationRollout((int)fields[0], (long)fields[1], DateTimeOffset.FromUnixTimeMilliseconds((long)fields[2]));
    }

    public async Task<MigrationRollout> SetRolloutAsync(int percent, DateTimeOffset now)
    {
        var epoch = (long)await (await DatabaseAsync()).ScriptEvaluateAsync(
            SetRolloutScript,
            [StoreKeys.MigrationRollout(source.KeyPrefix)],
            [percent, now.ToUnixTimeMilliseconds()]);
        return new MigrationRollout(percent, epoch, now);
    }

    /// <summary>The store the user lives on: <see cref="UserStore.TargetName"/> once moved there, else <see cref="UserStore.SourceName"/>.</summary>
    public async Task<string> PlacementAsync(string userId) =>
        (string?)await (await DatabaseAsync()).HashGetAsync(StoreKeys.MigrationPlacement(source.KeyPrefix), userId) ?? UserStore.SourceName;

    public async Task SetPlacementAsync(string userId, string storeName) =>
        await (await DatabaseAsync()).HashSetAsync(StoreKeys.MigrationPlacement(source.KeyPrefix), userId, storeName);

    /// <summary>Every user a migration ever moved, with the store each lives on now.</summary>
    public async Task<Dictionary<string, string>> PlacementsAsync() =>
        (await (await DatabaseAsync()).HashGetAllAsync(StoreKeys.MigrationPlacement(source.KeyPrefix)))
            .ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.Ordinal);

    /// <summary>Counts one move of a user's keys (either way) and the bytes it copied.</summary>
    public async Task CountMoveAsync(long bytes)
    {
        var database = await DatabaseAsync();
        var key = StoreKeys.MigrationMoved(source.KeyPrefix);
        await Task.WhenAll(database.HashIncrementAsync(key, Moves, 1), database.HashIncrementAsync(key, MovedBytes, bytes));
    }

    /// <summary>The moves of users' keys and the bytes they copied so far, by every silo and <c>migrate copy</c>.</summary>
    public async Task<(long Moves, long Bytes)> MovedAsync()
    {
        var fields = await (await DatabaseAsync()).HashGetAsync(StoreKeys.MigrationMoved(source.KeyPrefix), [Moves, MovedBytes]);
        return ((long?)fields[0] ?? 0, (long?)fields[1] ?? 0);
    }

    /// <summary>Takes the user's copy lock for <paramref name="timeout"/>; false when another copy holds it.</summary>
    public async Task<bool> TryLockAsync(string userId, string token, TimeSpan timeout) =>
        await (await DatabaseAsync()).StringSetAsync(StoreKeys.MigrationLock(source.KeyPrefix, userId), token, timeout, When.NotExists);

    public async Task UnlockAsync(string userId, string token) =>
        await (await DatabaseAsync()).ScriptEvaluateAsync(UnlockScript, [StoreKeys.MigrationLock(source.KeyPrefix, userId)], [token]);

    /// <summary>Records the outcome of verifying the user's target copy: <see cref="VerifiedOutcome"/> or a reason it failed.</summary>
    public async Task RecordVerificationAsync(string userId, string outcome) =>
        await (await DatabaseAsync()).HashSetAsync(StoreKeys.MigrationVerified(source.KeyPrefix), userId, outcome);

    /// <summary>Forgets the user's verification: the user moved again, so the copy it was about is gone.</summary>
    public async Task ForgetVerificationAsync(string userId) =>
        await (await DatabaseAsync()).HashDeleteAsync(StoreKeys.MigrationVerified(source.KeyPrefix), userId);

    public async Task<Dictionary<string, string>> VerificationsAsync() =>
        (await (await DatabaseAsync()).HashGetAllAsync(StoreKeys.MigrationVerified(source.KeyPrefix)))
            .ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.Ordinal);

    /// <summary>What a passed verification records.</summary>
    public const string VerifiedOutcome = "verified";

    private async Task<IDatabase> DatabaseAsync() => (await source.GetAsync()).GetDatabase();
}
