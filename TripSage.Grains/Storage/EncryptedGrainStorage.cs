using System.Diagnostics.CodeAnalysis;
using Orleans.Serialization;
using Orleans.Storage;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// Grain storage that encrypts each snapshot before handing it to the underlying store (the
/// Orleans Redis provider) and decrypts it after reading. It sits around the provider rather
/// than inside an <see cref="IGrainStorageSerializer"/> because a serializer never sees the
/// grain id, and the grain id is what picks the user's key and binds the snapshot to its user.
/// The provider's etag check is untouched, so two activations still cannot overwrite each other.
/// </summary>
internal sealed class EncryptedGrainStorage(IGrainStorage store, SnapshotCipher cipher, Serializer serializer) : IGrainStorage
{
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
        var plaintext = cipher.Open(sealedState.State.Envelope, grainId.ToString());
        grainState.State = serializer.Deserialize<T>(plaintext);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var plaintext = serializer.SerializeToArray(grainState.State);
        var sealedState = new SealedState
        {
            State = new SealedSnapshot { Envelope = cipher.Seal(plaintext, grainId.ToString()) },
            ETag = grainState.ETag,
            RecordExists = grainState.RecordExists,
        };
        await store.WriteStateAsync(stateName, grainId, sealedState);
        grainState.ETag = sealedState.ETag;
        grainState.RecordExists = sealedState.RecordExists;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var sealedState = new SealedState { ETag = grainState.ETag, RecordExists = grainState.RecordExists };
        await store.ClearStateAsync(stateName, grainId, sealedState);
        grainState.ETag = sealedState.ETag;
        grainState.RecordExists = sealedState.RecordExists;
    }

    private sealed class SealedState : IGrainState<SealedSnapshot>
    {
        [AllowNull]
        public SealedSnapshot State { get; set => field = value ?? new(); } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
