using System.Buffers.Binary;
using System.Text;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// The end of a user's trail as of the last append: the last event's sequence and hash (its first
/// 16 bytes), how many pages the log holds, signed (HMAC-SHA256, first 16 bytes, under the audit key
/// of <see cref="KeyId"/>, bound to the user id). Written in the same store command as the page it
/// ends with, so the two never disagree; verification compares the trail's end with it, which is what
/// makes removing the last events detectable while no grain is active or across a restart.
/// </summary>
/// <param name="Sequence">The last appended event.</param>
/// <param name="HashPrefix">The first 16 bytes of that event's hash, in lowercase hex.</param>
/// <param name="Pages">Pages written so far (page numbers run from 1 without gaps; retention removes the oldest).</param>
/// <param name="KeyId">The master key whose audit key signed the mark.</param>
/// <param name="Signature">The first 16 bytes of the HMAC, in lowercase hex.</param>
internal sealed record AuditHeadMark(long Sequence, string HashPrefix, long Pages, string KeyId, string Signature)
{
    /// <summary>First byte of the stored form.</summary>
    public const byte Version = 0xB1;

    public const int PrefixBytes = 16;

    /// <summary>The stored form: version, sequence, pages (8 bytes each), hash prefix, signature, key id (UTF-8).</summary>
    public byte[] Encode()
    {
        var keyId = Encoding.UTF8.GetBytes(KeyId);
        var bytes = new byte[1 + 8 + 8 + PrefixBytes + PrefixBytes + keyId.Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(1), Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(9), Pages);
        Convert.FromHexString(HashPrefix).CopyTo(bytes, 17);
        Convert.FromHexString(Signature).CopyTo(bytes, 17 + PrefixBytes);
        keyId.CopyTo(bytes, 17 + (2 * PrefixBytes));
        return bytes;
    }

    /// <summary>The mark, or <see langword="null"/> when the bytes are not one (verification then reports it).</summary>
    public static AuditHeadMark? Decode(ReadOnlySpan<byte> bytes)
    {
        const int fixedLength = 1 + 8 + 8 + (2 * PrefixBytes);
        if (bytes.Length < fixedLength || bytes[0] != Version)
        {
            return null;
        }

        return new AuditHeadMark(
            BinaryPrimitives.ReadInt64LittleEndian(bytes[1..]),
            Convert.ToHexStringLower(bytes.Slice(17, PrefixBytes)),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[9..]),
            Encoding.UTF8.GetString(bytes[fixedLength..]),
            Convert.ToHexStringLower(bytes.Slice(17 + PrefixBytes, PrefixBytes)));
    }
}
