using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// The configured master keys. A user's snapshot key is derived with HKDF-SHA256 from a master
/// key and the user's grain id, so every user has a distinct key and no per-user key is stored.
/// </summary>
internal sealed class KeyRing
{
    private const int KeyBytes = 32;
    private static readonly byte[] DerivationLabel = Encoding.UTF8.GetBytes("tripsage/snapshot-key/v1");

    private readonly Dictionary<string, byte[]> _masterKeys;

    public KeyRing(IOptions<SnapshotEncryptionOptions> options)
    {
        var value = options.Value;
        _masterKeys = value.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        CurrentKeyId = value.CurrentKeyId!;
    }

    public string CurrentKeyId { get; }

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

    /// <summary>The snapshot key of one user under one master key.</summary>
    /// <exception cref="SnapshotUnreadableException">The key id is not in the ring.</exception>
    public byte[] DeriveUserKey(string keyId, string grainId)
    {
        if (!_masterKeys.TryGetValue(keyId, out var master))
        {
            throw new SnapshotUnreadableException(
                $"The snapshot of '{grainId}' was written with key id '{keyId}', which is not in the key ring ({string.Join(", ", _masterKeys.Keys)}). Add that key to {SnapshotEncryptionOptions.SectionName}:Keys.");
        }

        var info = new byte[DerivationLabel.Length + 1 + Encoding.UTF8.GetByteCount(grainId)];
        DerivationLabel.CopyTo(info, 0);
        Encoding.UTF8.GetBytes(grainId, info.AsSpan(DerivationLabel.Length + 1));
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, master, KeyBytes, salt: [], info);
    }
}
