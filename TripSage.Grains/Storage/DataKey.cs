namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// A user's snapshot key, unwrapped: its id (named in every envelope it seals) and its bytes.
/// Public on purpose, with <see cref="SnapshotCipher"/>: the benchmarks seal with a key of their own.
/// </summary>
/// <param name="Id">The key's id, named in every envelope it seals.</param>
/// <param name="Key">The 32 key bytes (AES-256).</param>
public sealed record DataKey(string Id, byte[] Key);
