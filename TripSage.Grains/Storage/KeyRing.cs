using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// The configured master keys. They never encrypt snapshots themselves: they wrap each user's
/// random data key (so erasing that one stored key shreds every copy of the user's snapshots) and
/// key the audit chain. Public because hosts generate keys in its format (<see cref="NewKey"/>).
/// </summary>
public sealed class KeyRing
{
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const string WrapLabel = "tripsage/data-key/v1";
    private static readonly byte[] AuditLabel = Encoding.UTF8.GetBytes("tripsage/audit-key/v1");

    private readonly Dictionary<string, byte[]> _masterKeys;

    // Derived once per master key: every audit event and head mark is keyed with it (two HKDF runs per
    // call, a read included, were 1.4 % of a write benchmark's CPU). The ring is immutable, so is this.
    private readonly ConcurrentDictionary<string, byte[]> _auditKeys = new(StringComparer.Ordinal);

    /// <summary>The ring of the configured master keys (<c>TripSage:Encryption</c>).</summary>
    public KeyRing(IOptions<SnapshotEncryptionOptions> options)
    {
        var value = options.Value;
        _masterKeys = value.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        CurrentKeyId = value.CurrentKeyId!;
    }

    /// <summary>The id of the master key new data keys are wrapped under.</summary>
    public string CurrentKeyId { get; }

    /// <summary>Decodes a configured key: true only for base64 of exactly 32 bytes.</summary>
    public static bool TryDecodeKey(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrEmpty(base64))
        {
            return false;
        }

        var buffer = new byte[KeyBytes + 3];
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written != KeyBytes)
        {
            return false;
        }

        key = buffer[..KeyBytes];
        return true;
    }

    /// <summary>A new random master key in the form the configuration expects.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The key audit chain links are computed with under one master key.</summary>
    /// <exception cref="SnapshotUnreadableException">The key id is not in the ring.</exception>
    public byte[] DeriveAuditKey(string keyId) => _auditKeys.GetOrAdd(
        keyId,
        static (id, ring) => HKDF.DeriveKey(HashAlgorithmName.SHA256, ring.Master(id, "audit trail"), KeyBytes, salt: [], AuditLabel),
        this);

    private byte[] Master(string keyId, string what) => _masterKeys.TryGetValue(keyId, out var master)
        ? master
        : throw new SnapshotUnreadableException(
            $"The {what} names key id '{keyId}', which is not in the key ring ({string.Join(", ", _masterKeys.Keys)}). Add that key to {SnapshotEncryptionOptions.SectionName}:Keys.");

    /// <summary>Wraps a user's data key under the current master key, bound to the user and the data key's id.</summary>
    public (string MasterKeyId, byte[] Wrapped) WrapDataKey(byte[] dataKey, string userId, string dataKeyId)
    {
        var wrapped = new byte[NonceBytes + TagBytes + dataKey.Length];
        var nonce = wrapped.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Master(CurrentKeyId, "data key"), TagBytes);
        aes.Encrypt(nonce, dataKey, wrapped.AsSpan(NonceBytes + TagBytes), wrapped.AsSpan(NonceBytes, TagBytes), WrapContext(userId, dataKeyId));
        return (CurrentKeyId, wrapped);
    }

    /// <exception cref="SnapshotUnreadableException">The master key is unknown, or the wrapped key does not authenticate for this user.</exception>
    /// <summary>Unwraps a user's data key; fails loudly when it was altered or belongs to another user.</summary>
    /// <exception cref="SnapshotUnreadableException">The key does not authenticate, or its master key is not in the ring.</exception>
    public byte[] UnwrapDataKey(string masterKeyId, byte[] wrapped, string userId, string dataKeyId)
    {
        if (wrapped.Length != NonceBytes + TagBytes + KeyBytes)
        {
            throw new SnapshotUnreadableException($"The data key of '{userId}' is malformed.");
        }

        var dataKey = new byte[KeyBytes];
        try
        {
            using var aes = new AesGcm(Master(masterKeyId, "data key"), TagBytes);
            aes.Decrypt(wrapped.AsSpan(0, NonceBytes), wrapped.AsSpan(NonceBytes + TagBytes), wrapped.AsSpan(NonceBytes, TagBytes), dataKey, WrapContext(userId, dataKeyId));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SnapshotUnreadableException(
                $"The data key of '{userId}' does not authenticate under master key '{masterKeyId}': it was altered, copied from another user, or the key with id '{masterKeyId}' is not the one it was wrapped with. Nothing was changed.",
                ex);
        }

        return dataKey;
    }

    private static byte[] WrapContext(string userId, string dataKeyId) => Encoding.UTF8.GetBytes($"{WrapLabel}\0{userId}\0{dataKeyId}");
}
