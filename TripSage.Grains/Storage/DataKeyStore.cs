using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// Each user's random data key, wrapped by a master key as <c>masterKeyId:dataKeyId:base64(wrapped)</c>,
/// kept in the key store (<see cref="IWrappedKeyStore"/>): a separate Redis-compatible store
/// (<c>TripSage:Encryption:KeyStoreConnectionString</c>), a file folder
/// (<c>TripSage:Encryption:KeyStorePath</c>, the embedded store's default), or, when neither is set,
/// the snapshot store itself. Deleting it is the erase; with a separate key store the delete returns
/// only once the key store's files no longer hold the key either (the shred is complete), so every
/// copy of the user's snapshots (replica, backup, append-only file of the snapshot store) is unreadable.
/// Keys that an earlier configuration kept in the snapshot store move to the key store the first
/// time they are read (and all at once on rotation).
/// This store caches nothing; the snapshot storage keeps a user's key for the life of one activation
/// only (<see cref="EncryptedGrainStorage"/>), and the etag check stops any other, stale activation
/// from writing after an erase.
/// </summary>
internal sealed class DataKeyStore : IAsyncDisposable
{
    private const int KeyBytes = 32;
    private const int IdBytes = 8;

    private readonly KeyRing _keyRing;
    private readonly IWrappedKeyStore _keys;

    // The snapshot store, where keys of an earlier single-store configuration may still be; null when it is the key store.
    private readonly IWrappedKeyStore? _formerKeys;

    public DataKeyStore(KeyRing keyRing, StoreConnection store, IOptions<SnapshotEncryptionOptions> options)
    {
        _keyRing = keyRing;
        var value = options.Value;
        var snapshotStore = RedisWrappedKeyStore.OnSnapshotStore(store);
        if (value.KeyStoreConnectionString is { Length: > 0 } connectionString)
        {
            _keys = RedisWrappedKeyStore.Separate(connectionString, store.KeyPrefix, value.KeyStoreCompactionTimeout);
            _formerKeys = snapshotStore;
        }
        else if (value.KeyStorePath is { Length: > 0 } folder)
        {
            _keys = new FileWrappedKeyStore(folder);
            _formerKeys = snapshotStore;
        }
        else
        {
            _keys = snapshotStore;
        }
    }

    /// <summary>Whether an erase destroys every stored copy of the data key (false when keys live in the snapshot store).</summary>
    public bool Shreds => _keys.Shreds;

    /// <summary>The user's data key, or null when there is none (never written, or erased).</summary>
    public async Task<DataKey?> GetAsync(string userId)
    {
        var value = await _keys.GetAsync(userId) ?? await MoveFromSnapshotStoreAsync(userId);
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
        if (await _keys.AddAsync(userId, Wrap(userId, created)))
        {
            return created;
        }

        // Someone created one first; use theirs so no snapshot is sealed with a key that is not stored.
        return await GetAsync(userId) ?? throw new SnapshotUnreadableException($"The data key of '{userId}' disappeared while it was being created.");
    }

    /// <summary>
    /// Destroys the user's data key, and returns once the key store's files hold no copy of it: the
    /// moment the erase is shredded (with a separate key store; see <see cref="Shreds"/>).
    /// </summary>
    public async Task DeleteAsync(string userId)
    {
        await _keys.RemoveAsync(userId);
        if (_formerKeys is not null)
        {
            await _formerKeys.RemoveAsync(userId);
        }

        await _keys.CompactAsync();
    }

    /// <summary>
    /// Moves every key still in the snapshot store to the key store, re-wraps every data key not
    /// wrapped under the current master key, then compacts the key store so that no file of it holds
    /// a key wrapped under an old master key.
    /// </summary>
    public async Task<KeyRotationReport> RewrapAllAsync()
    {
        if (_formerKeys is not null)
        {
            await foreach (var (userId, _) in _formerKeys.ListAsync())
            {
                await MoveFromSnapshotStoreAsync(userId);
            }
        }

        int rewrapped = 0, current = 0;
        await foreach (var (userId, value) in _keys.ListAsync())
        {
            if (value.StartsWith(_keyRing.CurrentKeyId + ":", StringComparison.Ordinal))
            {
                current++;
            }
            else if (await _keys.ReplaceAsync(userId, value, Wrap(userId, Unwrap(userId, value))))
            {
                rewrapped++;
            }
        }

        await _keys.CompactAsync();
        return new KeyRotationReport(_keyRing.CurrentKeyId, rewrapped, current);
    }

    public async ValueTask DisposeAsync()
    {
        await _keys.DisposeAsync();
        if (_formerKeys is not null)
        {
            await _formerKeys.DisposeAsync();
        }
    }

    // Copy first, then delete: a crash in between leaves the key in both places, never in neither.
    private async Task<string?> MoveFromSnapshotStoreAsync(string userId)
    {
        if (_formerKeys is null || await _formerKeys.GetAsync(userId) is not { } value)
        {
            return null;
        }

        await _keys.AddAsync(userId, value);
        await _formerKeys.RemoveAsync(userId);
        return await _keys.GetAsync(userId);
    }

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
