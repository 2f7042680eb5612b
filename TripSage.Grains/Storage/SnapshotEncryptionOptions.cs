namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// The key ring that encrypts every user's snapshot (configuration section <c>TripSage:Encryption</c>).
/// Each master key is 32 random bytes in base64; each user's snapshot key is derived from the
/// current master key and the user's grain id. Old keys stay in the ring so that snapshots written
/// under them still decrypt; the next write re-encrypts under the current key.
/// </summary>
public sealed class SnapshotEncryptionOptions
{
    public const string SectionName = "TripSage:Encryption";

    /// <summary>Id of the key new snapshots are written with. Required; must be a key of <see cref="Keys"/>.</summary>
    public string? CurrentKeyId { get; set; }

    /// <summary>Master keys by id (1 to 32 characters: letters, digits, '.', '_', '-'); each value is 32 bytes in base64.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Compress snapshots before encrypting them. Default true: snapshots are mostly text.</summary>
    public bool Compress { get; set; } = true;
}
