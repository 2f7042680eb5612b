using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// Each user's random data key, stored wrapped by a master key as the string
/// <c>{prefix}:datakey:{userId}</c> = <c>masterKeyId:dataKeyId:base64(wrapped)</c>, in the snapshot
/// store or in a separate key store (<c>TripSage:Encryption:KeyStoreConnectionString</c>).
/// Deleting it is the erase: every copy of the user's snapshots (replica, backup, AOF) becomes
/// unreadable. This store caches nothing; the snapshot storage keeps a user's key for the life of
/// one activation only (<see cref="EncryptedGrainStorage"/>), and the etag check stops any other,
/// stale activation from writing after an erase.
/// </summary>
internal sealed class DataKeyStore : IAsyncDisposable
{
    private const int KeyBytes = 32;
    private const int IdBytes = 8;

    // Replaces the value only if it is still the one that was read: a concurrent erase or rotation wins.
    private const string CompareAndSetScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """;

    private readonly KeyRing _keyRing;
    private readonly StoreConnection _store;
    private readonly Lazy<Task<ConnectionMultiplexer>>? _separateStore;

    public DataKeyStore(KeyRing keyRing, StoreConnection store, IOptions<SnapshotEncryptionOptions> options)
    {
        _keyRing = keyRing;
        _store = store;
        if (options.Value.KeyStoreConnectionString is { Length: > 0 } keyStore)
        {
            _separateStore = new(() => ConnectionMultiplexer.ConnectAsync(StoreConnection.Parse(keyStore)));
        }
    }

    /// <summary>The user's data key, or null when there is none (never written, or erased).</summary>
    public async Task<DataKey?> GetAsync(string userId)
    {
        var value = (string?)await (await DatabaseAsync()).StringGetAsync(Key(userId));
        return value is null ? null : Unwrap(userId, value);
    }

    /// <summary>The user's data key, created (random, wrapped under the current master key) when there is none.</summary>
    public async Task<DataKey> GetOrCreateAsync(string userId)
    {
        if (await GetAsync(userId) is { } existing)
        {
            return existing;
        }

        var created = new DataKey(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes)), RandomNumberGenerator.GetBytes(KeyBytes));
        var database = await DatabaseAsync();
        if (await database.StringSetAsync(Key(userId), Wrap(userId, created), when: When.NotExists))
        {
            return created;
        }

        // Someone created one first; use theirs so no snapshot is sealed with a key that is not stored.
        return await GetAsync(userId) ?? throw new SnapshotUnreadableException($"The data key of '{userId}' disappeared while it was being created.");
    }

    /// <summary>Destroys the user's data key.</summary>
    public async Task DeleteAsync(string userId) => await (await DatabaseAsync()).KeyDeleteAsync(Key(userId));

    /// <summary>Re-wraps every data key not wrapped under the current master key.</summary>
    public async Task<KeyRotationReport> RewrapAllAsync()
    {
        var multiplexer = _separateStore is null ? await _store.GetAsync() : await _separateStore.Value;
        var database = multiplexer.GetDatabase();
        var prefix = StoreKeys.DataKeyPrefix(_store.KeyPrefix);
        int rewrapped = 0, current = 0;
        foreach (var server in multiplexer.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
            {
                var value = (string?)await database.StringGetAsync(key);
                if (value is null)
                {
                    continue;
                }

                if (value.StartsWith(_keyRing.CurrentKeyId + ":", StringComparison.Ordinal))
                {
                    current++;
                    continue;
                }

                var userId = ((string)key!)[prefix.Length..];
                var replacement = Wrap(userId, Unwrap(userId, value));
                if ((int)await database.ScriptEvaluateAsync(CompareAndSetScript, [key], [value, replacement]) == 1)
                {
                    rewrapped++;
                }
            }
        }

        return new KeyRotationReport(_keyRing.CurrentKeyId, rewrapped, current);
    }

    public async ValueTask DisposeAsync()
    {
        if (_separateStore is { IsValueCreated: true } && _separateStore.Value.IsCompletedSuccessfully)
        {
            await _separateStore.Value.Result.CloseAsync();
            _separateStore.Value.Result.Dispose();
        }
    }

    private async Task<IDatabase> DatabaseAsync() =>
        (_separateStore is null ? await _store.GetAsync() : await _separateStore.Value).GetDatabase();

    private RedisKey Key(string userId) => StoreKeys.DataKey(_store.KeyPrefix, userId);

    private string Wrap(string userId, DataKey dataKey)
    {
        var (masterKeyId, wrapped) = _keyRing.WrapDataKey(dataKey.Key, userId, dataKey.Id);
        return $"{masterKeyId}:{dataKey.Id}:{Convert.ToBase64String(wrapped)}";
    }

    private DataKey Unwrap(string userId, string value)
    {
        var parts = value.Split(':');
        if (parts.Length != 3)
        {
            throw new SnapshotUnreadableException($"The data key of '{userId}' is malformed.");
        }

        return new DataKey(parts[1], _keyRing.UnwrapDataKey(parts[0], Convert.FromBase64String(parts[2]), userId, parts[1]));
    }
}
