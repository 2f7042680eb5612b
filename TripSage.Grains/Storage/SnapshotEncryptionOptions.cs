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
    /// Connection string of a separate key store for the users' wrapped data keys: redis-server 7 or
    /// later with <c>appendonly yes</c>, whose append-only file each erase rewrites so that no file
    /// holds the erased key. Not set together with <see cref="KeyStorePath"/>. When neither is set,
    /// keys are kept in the snapshot store and erase does not shred copies in its files.
    /// </summary>
    public string? KeyStoreConnectionString { get; set; }

    /// <summary>
    /// Absolute path of a folder for the users' wrapped data keys (one file, rewritten on each erase),
    /// for a single silo. The silo host sets <c>&lt;DataPath&gt;/data-keys</c> when it starts the
    /// embedded store and no key store is configured.
    /// </summary>
    public string? KeyStorePath { get; set; }

    /// <summary>
    /// How long an erase waits for the key store's append-only file rewrite (after which the erase
    /// fails and can be retried). Default 5 seconds, inside the client's default response timeout
    /// (10 s) so the caller hears why; a rewrite of thousands of keys takes a fraction of a second.
    /// 1 second to 10 minutes.
    /// </summary>
    public TimeSpan KeyStoreCompactionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Compress snapshots before encrypting them. Default true: snapshots are mostly text.</summary>
    public bool Compress { get; set; } = true;
}
