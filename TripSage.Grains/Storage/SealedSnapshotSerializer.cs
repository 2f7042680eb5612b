using Orleans.Storage;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// The Redis storage provider's serializer: it passes the already-encrypted envelope through as
/// the stored bytes, so what lands in the store's <c>data</c> field is exactly the envelope.
/// </summary>
internal sealed class SealedSnapshotSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => input is SealedSnapshot snapshot
        ? new BinaryData(snapshot.Envelope)
        : throw new InvalidOperationException($"The encrypted snapshot store accepts only {nameof(SealedSnapshot)}, not {typeof(T).Name}.");

    public T? Deserialize<T>(BinaryData input) => typeof(T) == typeof(SealedSnapshot)
        ? (T)(object)new SealedSnapshot { Envelope = input.ToArray() }
        : throw new InvalidOperationException($"The encrypted snapshot store holds only {nameof(SealedSnapshot)}, not {typeof(T).Name}.");
}
