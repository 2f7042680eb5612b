using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Persistence;

/// <summary>
/// What must hold on every store the grid supports: durability across deactivation and restarts,
/// encrypted snapshots, and loud failure on snapshots that do not authenticate. Each subclass runs
/// these tests against one real store.
/// </summary>
public abstract class PersistenceTestsBase : IAsyncLifetime
{
    private TestStore? _store;
    private MemoryCluster? _memory;

    protected MemoryCluster Memory => _memory!;

    protected TestStore Store => _store!;

    public async Task InitializeAsync()
    {
        if (!StoreAvailable())
        {
            return;
        }

        _store = await StartStoreAsync();
        _memory = await MemoryCluster.StartAsync(_store);
    }

    public async Task DisposeAsync()
    {
        if (_memory is not null)
        {
            await _memory.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    protected abstract bool StoreAvailable();

    protected abstract Task<TestStore> StartStoreAsync();

    /// <summary>Skips the test where the store is not installed (see the subclass).</summary>
    protected virtual void RequireStore()
    {
    }

    [SkippableFact]
    public async Task Memories_AfterDeactivation_AreReloadedFromTheStore()
    {
        RequireStore();
        var userId = TestUsers.New();
        var stored = await Memory.User(userId).RememberAsync([new NewMemory("Seat 12A on every flight", Category: "preference")]);

        await Memory.DeactivateAsync(userId);
        var reloaded = await Memory.User(userId).GetAsync(stored.Outcomes[0].MemoryId);

        Assert.Equal("Seat 12A on every flight", reloaded?.Text);
        Assert.Equal("preference", reloaded?.Category);
    }

    [SkippableFact]
    public async Task Memories_AfterFullStopAndStartOfClusterAndStore_AreAllThere()
    {
        RequireStore();
        var userId = TestUsers.New();
        var texts = Enumerable.Range(0, 20).Select(i => $"Trip note number {i}").ToList();
        await Memory.User(userId).RememberAsync(texts.Select(t => new NewMemory(t)).ToList());
        await Memory.User(userId).SetPreferencesAsync(new Dictionary<string, string> { ["currency"] = "EUR" });

        await _memory!.DisposeAsync();
        _memory = null;
        await Store.StopAsync();
        await Store.StartAsync();
        _memory = await MemoryCluster.StartAsync(Store);

        var export = await Memory.User(userId).ExportAsync();
        Assert.Equal(texts.Order(), export.Memories.Select(m => m.Text).Order());
        Assert.Equal("EUR", export.Preferences["currency"]);
    }

    [SkippableFact]
    public async Task StoreDown_WriteFailsWithATypedShortError_AndNothingAcknowledgedIsLost()
    {
        RequireStore();
        var userId = TestUsers.New();
        var user = Memory.User(userId);
        await user.RememberAsync([new NewMemory("Acknowledged before the outage")]);

        await Store.StopAsync();
        StoreUnavailableException error;
        try
        {
            error = await Assert.ThrowsAsync<StoreUnavailableException>(() => user.RememberAsync([new NewMemory("Sent during the outage")]))
                .WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await Store.StartAsync();
        }

        Assert.Contains("store", error.Message);
        Assert.DoesNotContain(" at ", error.Message);
        Assert.True(error.Message.Length < 200, error.Message);
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await Memory.DeactivateAsync(userId);
                return (await user.ExportAsync()).Memories.Count > 0;
            }
            catch (Exception)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "the user served again after the store returned");
        Assert.Equal(["Acknowledged before the outage"], (await user.ExportAsync()).Memories.Select(m => m.Text));
    }

    [SkippableFact]
    public async Task RawSnapshot_ReadWithAPlainRedisClient_HoldsNoMemoryText()
    {
        RequireStore();
        var userId = TestUsers.New();
        const string secret = "My passport number is X1234567 and I hate middle seats";
        await Memory.User(userId).RememberAsync([new NewMemory(secret, Tags: new Dictionary<string, string> { ["doc"] = "passport" })]);

        var raw = await Memory.RawSnapshotAsync(userId);

        Assert.NotNull(raw);
        Assert.Equal(-1, raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes("passport")));
        Assert.Equal(-1, raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes("X1234567")));

        // The same bytes opened with the user's data key do hold the text: what the store has is the real, encrypted snapshot.
        var dataKey = (await DataKeys().GetAsync(userId))!;
        var opened = new SnapshotCipher(Options.Create(new SnapshotEncryptionOptions())).Open(raw, $"usermemory/{userId}", dataKey);
        Assert.NotEqual(-1, opened.AsSpan().IndexOf(Encoding.UTF8.GetBytes("X1234567")));
    }

    [SkippableFact]
    public async Task TamperedSnapshot_FailsLoudlyAndIsLeftUnchanged()
    {
        RequireStore();
        var userId = TestUsers.New();
        await Memory.User(userId).RememberAsync([new NewMemory("Loves night trains")]);
        await Memory.DeactivateAsync(userId);
        var raw = (await Memory.RawSnapshotAsync(userId))!;
        raw[^5] ^= 0x40;
        await (await Store.RawAsync()).HashSetAsync(SnapshotKey(userId), "data", raw);

        await AssertUnreadableAsync(userId, "does not authenticate");

        Assert.Equal(raw, await Memory.RawSnapshotAsync(userId));
    }

    [SkippableFact]
    public async Task SnapshotCopiedUnderAnotherUser_FailsLoudlyAndIsLeftUnchanged()
    {
        RequireStore();
        var alice = TestUsers.New("alice");
        var mallory = TestUsers.New("mallory");
        await Memory.User(alice).RememberAsync([new NewMemory("Alice's home address is 1 Main St")]);
        var db = await Store.RawAsync();

        // An attacker with write access to the store copies both the snapshot and the wrapped data key.
        await db.HashSetAsync(SnapshotKey(mallory), await db.HashGetAllAsync(SnapshotKey(alice)));
        await db.StringSetAsync(StoreKeys.DataKey(StoreKeys.DefaultPrefix, mallory), await db.StringGetAsync(StoreKeys.DataKey(StoreKeys.DefaultPrefix, alice)));
        var copied = await Memory.RawSnapshotAsync(mallory);

        await AssertUnreadableAsync(mallory, "does not authenticate");

        Assert.Equal(copied, await Memory.RawSnapshotAsync(mallory));
        Assert.Single((await Memory.User(alice).ExportAsync()).Memories);
    }

    [SkippableFact]
    public async Task WrongKey_FailsLoudlyAndLeavesTheSnapshotUnchanged()
    {
        RequireStore();
        var userId = TestUsers.New();
        await Memory.User(userId).RememberAsync([new NewMemory("Booked the Ritz for June")]);
        await Memory.DeactivateAsync(userId);
        var before = await Memory.RawSnapshotAsync(userId);

        await using (var wrongKey = await MemoryCluster.StartAsync(Store, new Dictionary<string, string?>
        {
            [$"{SnapshotEncryptionOptions.SectionName}:Keys:test-1"] = KeyRing.NewKey(),
        }))
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => wrongKey.User(userId).RememberAsync([new NewMemory("overwrite attempt")]));
            Assert.Contains("does not authenticate", error.Message);
        }

        Assert.Equal(before, await Memory.RawSnapshotAsync(userId));
        Assert.Single((await Memory.User(userId).ExportAsync()).Memories);
    }

    [SkippableFact]
    public async Task Erase_DeletesTheUsersHashFromTheStore()
    {
        RequireStore();
        var userId = TestUsers.New();
        await Memory.User(userId).RememberAsync([new NewMemory("Gate code 9911")]);
        Assert.True(await (await Store.RawAsync()).KeyExistsAsync(SnapshotKey(userId)));

        var receipt = await Memory.User(userId).EraseAsync();

        Assert.Equal(1, receipt.MemoriesErased);
        Assert.False(await (await Store.RawAsync()).KeyExistsAsync(SnapshotKey(userId)));
        await Memory.DeactivateAsync(userId);
        Assert.Equal(0, (await Memory.User(userId).GetStatsAsync()).MemoryCount);
    }

    private static RedisKey SnapshotKey(string userId) => StoreKeys.Snapshot(StoreKeys.DefaultPrefix, userId);

    private async Task AssertUnreadableAsync(string userId, string expected)
    {
        var read = await Assert.ThrowsAnyAsync<Exception>(() => Memory.User(userId).GetStatsAsync());
        var write = await Assert.ThrowsAnyAsync<Exception>(() => Memory.User(userId).RememberAsync([new NewMemory("overwrite attempt")]));
        Assert.Contains(expected, read.Message);
        Assert.Contains(expected, write.Message);
    }

    private DataKeyStore DataKeys()
    {
        var ring = new SnapshotEncryptionOptions { CurrentKeyId = "test-1" };
        ring.Keys["test-1"] = MemoryCluster.TestKeyRing[$"{SnapshotEncryptionOptions.SectionName}:Keys:test-1"]!;
        var store = new StoreConnection(Options.Create(new StoreOptions { ConnectionString = Store.ConnectionString }));
        return new DataKeyStore(new KeyRing(Options.Create(ring)), store, Options.Create(ring));
    }
}
