namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// The key ring that protects every user's snapshot (configuration section <c>TripSage:Encryption</c>).
/// Each master key is 32 random bytes in base64. Each user's snapshots are encrypted with the
/// user's own random data key, stored wrapped under the current master key. Old master keys stay in
/// the ring until <c>tripsage keys rotate</c> has re-wrapped every data key under the current one.
/// </summary>
public sealed class SnapshotEncryptionOptions
{
    public const string SectionName = "TripSage:Encryption";

    /// <summary>Id of the key new snapshots are written with. Required; must be a key of <see cref="Keys"/>.</summary>
    public string? CurrentKeyId { get; set; }

    /// <summary>Master keys by id (1 to 32 characters: letters, digits, '.', '_', '-'); each value is 32 bytes in base64.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Connection string of a separate Redis-compatible store for the users' wrapped data keys, so
    /// that backups of the snapshot store never hold the keys. Default: the snapshot store.
    /// </summary>
    public string? KeyStoreConnectionString { get; set; }

    /// <summary>Compress snapshots before encrypting them. Default true: snapshots are mostly text.</summary>
    public bool Compress { get; set; } = true;
}
