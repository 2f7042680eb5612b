using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// Seals snapshot bytes with AES-256-GCM under the user's data key. The envelope names the data
/// key's id, and the user's grain id is bound as associated data, so a snapshot copied under
/// another user fails to authenticate.
/// Public on purpose: the load benchmark's stateless baseline and the micro-benchmarks seal and open
/// blobs with exactly the cipher the grid uses, rather than a copy of it.
/// </summary>
/// <remarks>
/// Envelope layout: magic "TSS1" | flags (bit 0: compressed) | key id length | data key id (UTF-8) |
/// nonce (12) | tag (16) | ciphertext. Everything before the nonce is authenticated too.
/// </remarks>
public sealed class SnapshotCipher(IOptions<SnapshotEncryptionOptions> options)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const byte CompressedFlag = 1;
    private static readonly byte[] Magic = "TSS1"u8.ToArray();

    /// <summary>Seals <paramref name="plaintext"/> for <paramref name="grainId"/> under <paramref name="dataKey"/>.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, string grainId, DataKey dataKey)
    {
        var compress = options.Value.Compress;
        var body = compress ? Compress(plaintext) : plaintext.ToArray();
        var keyId = Encoding.UTF8.GetBytes(dataKey.Id);
        var headerLength = Magic.Length + 2 + keyId.Length;
        var envelope = new byte[headerLength + NonceBytes + TagBytes + body.Length];

        Magic.CopyTo(envelope, 0);
        envelope[Magic.Length] = compress ? CompressedFlag : (byte)0;
        envelope[Magic.Length + 1] = (byte)keyId.Length;
        keyId.CopyTo(envelope, Magic.Length + 2);

        var nonce = envelope.AsSpan(headerLength, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        var tag = envelope.AsSpan(headerLength + NonceBytes, TagBytes);
        var ciphertext = envelope.AsSpan(headerLength + NonceBytes + TagBytes);

        using var aes = new AesGcm(dataKey.Key, TagBytes);
        aes.Encrypt(nonce, body, ciphertext, tag, AssociatedData(envelope.AsSpan(0, headerLength), grainId));
        return envelope;
    }

    /// <summary>The id of the data key an envelope was sealed with.</summary>
    /// <exception cref="SnapshotUnreadableException">The bytes are not an envelope.</exception>
    public static string KeyIdOf(ReadOnlySpan<byte> envelope, string grainId)
    {
        if (envelope.Length < Magic.Length + 2 || !envelope[..Magic.Length].SequenceEqual(Magic) || envelope.Length < Magic.Length + 2 + envelope[Magic.Length + 1])
        {
            throw new SnapshotUnreadableException($"The stored snapshot of '{grainId}' is not a TripSage snapshot envelope; it was not written by this service or it was altered.");
        }

        return Encoding.UTF8.GetString(envelope.Slice(Magic.Length + 2, envelope[Magic.Length + 1]));
    }

    /// <summary>Opens an envelope sealed for <paramref name="grainId"/> under <paramref name="dataKey"/>.</summary>
    /// <exception cref="SnapshotUnreadableException">The envelope is malformed, sealed with another key, or does not authenticate.</exception>
    public byte[] Open(ReadOnlySpan<byte> envelope, string grainId, DataKey dataKey)
    {
        var keyId = KeyIdOf(envelope, grainId);
        if (keyId != dataKey.Id)
        {
            throw new SnapshotUnreadableException(
                $"The stored snapshot of '{grainId}' was sealed with data key '{keyId}', but the user's data key is '{dataKey.Id}': it is a copy from before an erase, or from another user. It cannot be read.");
        }

        var flags = envelope[Magic.Length];
        var keyIdLength = envelope[Magic.Length + 1];
        var headerLength = Magic.Length + 2 + keyIdLength;
        if (envelope.Length < headerLength + NonceBytes + TagBytes)
        {
            throw new SnapshotUnreadableException($"The stored snapshot of '{grainId}' is truncated.");
        }

        var nonce = envelope.Slice(headerLength, NonceBytes);
        var tag = envelope.Slice(headerLength + NonceBytes, TagBytes);
        var ciphertext = envelope[(headerLength + NonceBytes + TagBytes)..];
        var body = new byte[ciphertext.Length];

        try
        {
            using var aes = new AesGcm(dataKey.Key, TagBytes);
            aes.Decrypt(nonce, ciphertext, tag, body, AssociatedData(envelope[..headerLength], grainId));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SnapshotUnreadableException(
                $"The stored snapshot of '{grainId}' does not authenticate under data key '{keyId}': it was altered or copied from another user. The snapshot was left unchanged.",
                ex);
        }

        return (flags & CompressedFlag) != 0 ? Decompress(body) : body;
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string grainId)
    {
        var data = new byte[header.Length + Encoding.UTF8.GetByteCount(grainId)];
        header.CopyTo(data);
        Encoding.UTF8.GetBytes(grainId, data.AsSpan(header.Length));
        return data;
    }

    private static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest))
        {
            brotli.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] data)
    {
        using var input = new MemoryStream(data);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        brotli.CopyTo(output);
        return output.ToArray();
    }
}
