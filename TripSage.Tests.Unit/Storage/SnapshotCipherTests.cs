using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Tests.Unit.Storage;

public sealed class SnapshotCipherTests
{
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("Alice prefers aisle seats and flies to Lisbon in May. Alice prefers aisle seats.");
    private static readonly DataKey AliceKey = new("a1a1a1a1", RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SealThenOpen_SameUserAndKey_GivesBackThePlaintext(bool compress)
    {
        var cipher = Cipher(compress);

        var envelope = cipher.Seal(Plaintext, "usermemory/alice", AliceKey);

        Assert.Equal(Plaintext, cipher.Open(envelope, "usermemory/alice", AliceKey));
        Assert.Equal(-1, envelope.AsSpan().IndexOf("Lisbon"u8));
        Assert.Equal(AliceKey.Id, SnapshotCipher.KeyIdOf(envelope, "usermemory/alice"));
    }

    [Fact]
    public void Seal_TwiceTheSameState_GivesDifferentCiphertexts() =>
        Assert.NotEqual(Cipher().Seal(Plaintext, "usermemory/alice", AliceKey), Cipher().Seal(Plaintext, "usermemory/alice", AliceKey));

    [Fact]
    public void Open_UnderAnotherUsersId_FailsToAuthenticate()
    {
        var envelope = Cipher().Seal(Plaintext, "usermemory/alice", AliceKey);

        var error = Assert.Throws<SnapshotUnreadableException>(() => Cipher().Open(envelope, "usermemory/bob", AliceKey));

        Assert.Contains("does not authenticate", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(-1)]
    public void Open_WithAnyByteFlipped_Fails(int position)
    {
        var envelope = Cipher().Seal(Plaintext, "usermemory/alice", AliceKey);
        envelope[position < 0 ? envelope.Length + position : position] ^= 0x01;

        Assert.Throws<SnapshotUnreadableException>(() => Cipher().Open(envelope, "usermemory/alice", AliceKey));
    }

    [Fact]
    public void Open_WithAnotherDataKey_SaysTheSnapshotPredatesIt()
    {
        var envelope = Cipher().Seal(Plaintext, "usermemory/alice", AliceKey);
        var newerKey = new DataKey("b2b2b2b2", RandomNumberGenerator.GetBytes(32));

        var error = Assert.Throws<SnapshotUnreadableException>(() => Cipher().Open(envelope, "usermemory/alice", newerKey));

        Assert.Contains("'a1a1a1a1'", error.Message);
    }

    [Fact]
    public void Open_NotAnEnvelope_Fails()
    {
        Assert.Throws<SnapshotUnreadableException>(() => Cipher().Open(Plaintext, "usermemory/alice", AliceKey));
        Assert.Throws<SnapshotUnreadableException>(() => Cipher().Open("TSS1"u8, "usermemory/alice", AliceKey));
    }

    [Fact]
    public void UnwrapDataKey_AfterRotation_ReadsKeysWrappedUnderTheOldMasterKey()
    {
        var old = new KeyRing(Ring("k1", ("k1", Key(1))));
        var (masterKeyId, wrapped) = old.WrapDataKey(AliceKey.Key, "alice", AliceKey.Id);
        var rotated = new KeyRing(Ring("k2", ("k1", Key(1)), ("k2", Key(2))));

        Assert.Equal(AliceKey.Key, rotated.UnwrapDataKey(masterKeyId, wrapped, "alice", AliceKey.Id));
        Assert.Equal("k2", rotated.WrapDataKey(AliceKey.Key, "alice", AliceKey.Id).MasterKeyId);
    }

    [Fact]
    public void UnwrapDataKey_ForAnotherUserOrWithAnotherMasterKey_Fails()
    {
        var ring = new KeyRing(Ring("k1", ("k1", Key(1))));
        var (masterKeyId, wrapped) = ring.WrapDataKey(AliceKey.Key, "alice", AliceKey.Id);

        Assert.Throws<SnapshotUnreadableException>(() => ring.UnwrapDataKey(masterKeyId, wrapped, "bob", AliceKey.Id));
        Assert.Throws<SnapshotUnreadableException>(() => new KeyRing(Ring("k1", ("k1", Key(2)))).UnwrapDataKey(masterKeyId, wrapped, "alice", AliceKey.Id));
        var missing = Assert.Throws<SnapshotUnreadableException>(() => new KeyRing(Ring("k9", ("k9", Key(1)))).UnwrapDataKey(masterKeyId, wrapped, "alice", AliceKey.Id));
        Assert.Contains("key id 'k1'", missing.Message);
    }

    private static string Key(byte seed) => Convert.ToBase64String(SHA256.HashData([seed]));

    private static IOptions<SnapshotEncryptionOptions> Ring(string current, params (string Id, string Key)[] keys)
    {
        var options = new SnapshotEncryptionOptions { CurrentKeyId = current };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return Options.Create(options);
    }

    private static SnapshotCipher Cipher(bool compress = true) =>
        new(Options.Create(new SnapshotEncryptionOptions { Compress = compress }));
}
