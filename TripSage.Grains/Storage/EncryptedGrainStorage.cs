using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Orleans.Serialization;
using Orleans.Storage;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// Grain storage that encrypts each snapshot with the user's data key before handing it to the
/// underlying store (the Orleans Redis provider) and decrypts it after reading; clearing the state
/// also destroys the data key. It sits around the provider rather
/// than inside an <see cref="IGrainStorageSerializer"/> because a serializer never sees the
/// grain id, and the grain id is what picks the user's key and binds the snapshot to its user.
/// The provider's etag check is untouched, so two activations still cannot overwrite each other.
/// <para>
/// The user's data key is read from the key store and unwrapped once per activation: it is kept
/// with the activation's state holder (the same object for the activation's whole life) and goes
/// when the activation does. Erase goes through the activation (<see cref="ClearStateAsync"/> drops
/// it) and rotation re-wraps the same key, so the kept key is never stale.
/// </para>
/// </summary>
internal sealed class EncryptedGrainStorage(IGrainStorage store, SnapshotCipher cipher, DataKeyStore dataKeys, Serializer serializer) : IGrainStorage
{
    private readonly ConditionalWeakTable<object, DataKey> _activeKeys = new();

    // Activations whose erase deleted the snapshot but failed before the key store was compacted.
    private readonly ConditionalWeakTable<object, object> _unfinishedErases = new();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var sealedState = new SealedState { ETag = grainState.ETag };
        await store.ReadStateAsync(stateName, grainId, sealedState);
        grainState.ETag = sealedState.ETag;
        if (!sealedState.RecordExists)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
            return;
        }

        // A snapshot that fails to open throws here, before the grain sees any state, so the
        // activation fails and nothing can write an empty state over the unreadable one.
        var envelope = sealedState.State.Envelope;
        var dataKey = await dataKeys.GetAsync(UserId(grainId)) ?? throw new SnapshotUnreadableException(
            $"The stored snapshot of '{grainId}' (sealed with data key '{SnapshotCipher.KeyIdOf(envelope, grainId.ToString())}') has no data key: the user was erased, so this copy can never be decrypted. Nothing was changed.");
        var plaintext = cipher.Open(envelope, grainId.ToString(), dataKey);
        grainState.State = serializer.Deserialize<T>(plaintext);
        _activeKeys.AddOrUpdate(grainState, dataKey);
        NoteSeal(grainState.State, envelope.Length, dataKey);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Writing the still-held state under a new key would bring back what the erase deleted.
        if (_unfinishedErases.TryGetValue(grainState, out _))
        {
            throw new InvalidOperationException($"The erase of '{grainId}' did not finish shredding its data key; nothing was written. Retry the erase.");
        }

        var plaintext = serializer.SerializeToArray(grainState.State);
        if (!_activeKeys.TryGetValue(grainState, out var dataKey))
        {
            dataKey = await dataKeys.GetOrCreateAsync(UserId(grainId));
            _activeKeys.AddOrUpdate(grainState, dataKey);
        }

        var sealedState = new SealedState
        {
            State = new SealedSnapshot { Envelope = cipher.Seal(plaintext, grainId.ToString(), dataKey) },
            ETag = grainState.ETag,
            RecordExists = grainState.RecordExists,
        };
        await store.WriteStateAsync(stateName, grainId, sealedState);
        grainState.ETag = sealedState.ETag;
        grainState.RecordExists = sealedState.RecordExists;
        NoteSeal(grainState.State, sealedState.State.Envelope.Length, dataKey);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var sealedState = new SealedState { ETag = grainState.ETag, RecordExists = grainState.RecordExists };
        await store.ClearStateAsync(stateName, grainId, sealedState);
        grainState.ETag = sealedState.ETag;
        grainState.RecordExists = sealedState.RecordExists;

        // Crypto-shredding: without its data key no copy of the snapshot anywhere can be decrypted.
        _activeKeys.Remove(grainState);
        _unfinishedErases.AddOrUpdate(grainState, grainState);
        await dataKeys.DeleteAsync(UserId(grainId));
        _unfinishedErases.Remove(grainState);
    }

    private static string UserId(GrainId grainId) => grainId.Key.ToString()!;

    // The journal seals its records with the key this storage read or created for the activation
    // (it never fetches or creates one itself), and is folded once it holds as many bytes as the
    // snapshot (JournalOptions.CompactAfterBytes).
    private static void NoteSeal<T>(T state, int envelopeBytes, DataKey dataKey)
    {
        if (state is UserMemoryState memory)
        {
            memory.SnapshotBytes = envelopeBytes;
            memory.DataKey = dataKey;
        }
    }

    private sealed class SealedState : IGrainState<SealedSnapshot>
    {
        [AllowNull]
        public SealedSnapshot State { get; set => field = value ?? new(); } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
