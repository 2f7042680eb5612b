using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>Erase destroys the user's data key; key rotation re-wraps data keys so old master keys can go.</summary>
public sealed class CryptoShreddingTests : IAsyncLifetime
{
    private GarnetTestStore _store = null!;
    private MemoryCluster _memory = null!;

    public async Task InitializeAsync()
    {
        _store = GarnetTestStore.Start();
        _memory = await MemoryCluster.StartAsync(_store);
    }

    public async Task DisposeAsync()
    {
        await _memory.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Erase_DestroysTheDataKey_SoACopyOfTheOldSnapshotCannotBeDecrypted()
    {
        var userId = TestUsers.New();
        await _memory.User(userId).RememberAsync([new NewMemory("Card on file ends in 4242")]);
        var db = await _store.RawAsync();
        var copy = await db.HashGetAllAsync(StoreKeys.Snapshot(StoreKeys.DefaultPrefix, userId));

        await _memory.User(userId).EraseAsync();
        var keyAfterErase = await db.StringGetAsync(StoreKeys.DataKey(StoreKeys.DefaultPrefix, userId));
        await _memory.DeactivateAsync(userId);
        await db.HashSetAsync(StoreKeys.Snapshot(StoreKeys.DefaultPrefix, userId), copy);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _memory.User(userId).GetStatsAsync());

        Assert.True(keyAfterErase.IsNull);
        Assert.Contains("erased", error.Message);
    }

    [Fact]
    public async Task Erase_ThenNewMemories_UseANewDataKeyThatCannotOpenTheOldCopy()
    {
        var userId = TestUsers.New();
        await _memory.User(userId).RememberAsync([new NewMemory("Old life")]);
        var db = await _store.RawAsync();
        var copy = await db.HashGetAllAsync(StoreKeys.Snapshot(StoreKeys.DefaultPrefix, userId));
        await _memory.User(userId).EraseAsync();
        await _memory.User(userId).RememberAsync([new NewMemory("New life")]);

        await _memory.DeactivateAsync(userId);
        await db.HashSetAsync(StoreKeys.Snapshot(StoreKeys.DefaultPrefix, userId), copy);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _memory.User(userId).GetStatsAsync());

        Assert.Contains("cannot be read", error.Message);
    }

    [Fact]
    public async Task ActiveGrain_UnwrapsItsDataKeyOnce_SoLaterWritesDoNotReadTheKeyStore()
    {
        var userId = TestUsers.New();
        await _memory.User(userId).RememberAsync([new NewMemory("First")]);
        var db = await _store.RawAsync();
        var key = StoreKeys.DataKey(StoreKeys.DefaultPrefix, userId);
        var wrapped = await db.StringGetAsync(key);

        // Taken away behind the grain's back: a write that read the key store would create a new key.
        await db.KeyDeleteAsync(key);
        await _memory.User(userId).RememberAsync([new NewMemory("Second")]);

        Assert.True((await db.StringGetAsync(key)).IsNull);
        await db.StringSetAsync(key, wrapped);
        await _memory.DeactivateAsync(userId);
        Assert.Equal(2, (await _memory.User(userId).GetStatsAsync()).MemoryCount);
    }

    [Fact]
    public async Task Rotation_RewrapsEveryDataKey_SoTheOldMasterKeyCanBeRemoved()
    {
        var users = Enumerable.Range(0, 3).Select(_ => TestUsers.New()).ToList();
        foreach (var user in users)
        {
            await _memory.User(user).RememberAsync([new NewMemory("a memory to re-wrap")]);
        }

        var newKey = KeyRing.NewKey();
        var oldKey = MemoryCluster.TestKeyRing[$"{SnapshotEncryptionOptions.SectionName}:Keys:test-1"];
        KeyRotationReport report;
        await using (var rotated = await MemoryCluster.StartAsync(_store, new Dictionary<string, string?>
        {
            [$"{SnapshotEncryptionOptions.SectionName}:Keys:test-2"] = newKey,
            [$"{SnapshotEncryptionOptions.SectionName}:CurrentKeyId"] = "test-2",
        }))
        {
            report = await new Memory.Client.MemoryClient(rotated.Client).RewrapDataKeysAsync();
        }

        // A grid that no longer has the old master key still reads every user.
        await using var withoutOldKey = await MemoryCluster.StartAsync(_store, new Dictionary<string, string?>
        {
            [$"{SnapshotEncryptionOptions.SectionName}:Keys:test-1"] = null,
            [$"{SnapshotEncryptionOptions.SectionName}:Keys:test-2"] = newKey,
            [$"{SnapshotEncryptionOptions.SectionName}:CurrentKeyId"] = "test-2",
        });
        foreach (var user in users)
        {
            Assert.Equal(1, (await withoutOldKey.User(user).GetStatsAsync()).MemoryCount);
        }

        Assert.Equal("test-2", report.CurrentKeyId);
        Assert.True(report.Rewrapped >= users.Count);
        Assert.NotNull(oldKey);
    }
}
