using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Tests.Storage;

public sealed class SnapshotCipherTests
{
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("Alice prefers aisle seats and flies to Lisbon in May. Alice prefers aisle seats.");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SealThenOpen_SameUser_GivesBackThePlaintext(bool compress)
    {
        var cipher = Cipher(Ring("k1", ("k1", Key(1))), compress);

        var envelope = cipher.Seal(Plaintext, "usermemory/alice");

        Assert.Equal(Plaintext, cipher.Open(envelope, "usermemory/alice"));
        Assert.Equal(-1, envelope.AsSpan().IndexOf("Lisbon"u8));
    }

    [Fact]
    public void Seal_TwiceTheSameState_GivesDifferentCiphertexts()
    {
        var cipher = Cipher(Ring("k1", ("k1", Key(1))));

        Assert.NotEqual(cipher.Seal(Plaintext, "usermemory/alice"), cipher.Seal(Plaintext, "usermemory/alice"));
    }

    [Fact]
    public void Open_UnderAnotherUsersId_FailsToAuthenticate()
    {
        var cipher = Cipher(Ring("k1", ("k1", Key(1))));
        var envelope = cipher.Seal(Plaintext, "usermemory/alice");

        var error = Assert.Throws<SnapshotUnreadableException>(() => cipher.Open(envelope, "usermemory/bob"));

        Assert.Contains("does not authenticate", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(40)]
    [InlineData(-1)]
    public void Open_WithAnyByteFlipped_Fails(int position)
    {
        var cipher = Cipher(Ring("k1", ("k1", Key(1))));
        var envelope = cipher.Seal(Plaintext, "usermemory/alice");
        envelope[position < 0 ? envelope.Length + position : position] ^= 0x01;

        Assert.Throws<SnapshotUnreadableException>(() => cipher.Open(envelope, "usermemory/alice"));
    }

    [Fact]
    public void Open_WithADifferentKeyUnderTheSameId_Fails()
    {
        var envelope = Cipher(Ring("k1", ("k1", Key(1)))).Seal(Plaintext, "usermemory/alice");

        var error = Assert.Throws<SnapshotUnreadableException>(() => Cipher(Ring("k1", ("k1", Key(2)))).Open(envelope, "usermemory/alice"));

        Assert.Contains("'k1'", error.Message);
    }

    [Fact]
    public void Open_WithTheKeyIdMissingFromTheRing_SaysWhichKeyToAdd()
    {
        var envelope = Cipher(Ring("old", ("old", Key(1)))).Seal(Plaintext, "usermemory/alice");

        var error = Assert.Throws<SnapshotUnreadableException>(() => Cipher(Ring("new", ("new", Key(2)))).Open(envelope, "usermemory/alice"));

        Assert.Contains("key id 'old'", error.Message);
    }

    [Fact]
    public void Open_AfterRotation_ReadsOldSnapshotsAndSealsUnderTheNewKey()
    {
        var envelope = Cipher(Ring("k1", ("k1", Key(1)))).Seal(Plaintext, "usermemory/alice");
        var rotated = Cipher(Ring("k2", ("k1", Key(1)), ("k2", Key(2))));

        Assert.Equal(Plaintext, rotated.Open(envelope, "usermemory/alice"));
        var resealed = rotated.Seal(Plaintext, "usermemory/alice");
        Assert.Throws<SnapshotUnreadableException>(() => Cipher(Ring("k1", ("k1", Key(1)))).Open(resealed, "usermemory/alice"));
    }

    [Fact]
    public void Open_NotAnEnvelope_Fails()
    {
        var cipher = Cipher(Ring("k1", ("k1", Key(1))));

        Assert.Throws<SnapshotUnreadableException>(() => cipher.Open(Plaintext, "usermemory/alice"));
        Assert.Throws<SnapshotUnreadableException>(() => cipher.Open("TSS1"u8, "usermemory/alice"));
    }

    private static string Key(byte seed) => Convert.ToBase64String(SHA256.HashData([seed]));

    private static SnapshotEncryptionOptions Ring(string current, params (string Id, string Key)[] keys)
    {
        var options = new SnapshotEncryptionOptions { CurrentKeyId = current };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return options;
    }

    private static SnapshotCipher Cipher(SnapshotEncryptionOptions options, bool compress = true)
    {
        options.Compress = compress;
        return new SnapshotCipher(new KeyRing(Options.Create(options)), Options.Create(options));
    }
}
