using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>Data keys an earlier single-store configuration kept next to the snapshots move to the key store when first read.</summary>
public sealed class KeyStoreMigrationTests
{
    [Fact]
    public async Task KeyInTheSnapshotStore_FirstReadWithAKeyStore_MovesItThere()
    {
        await using var store = GarnetTestStore.Start();
        var keyFolder = Directory.CreateTempSubdirectory("tripsage-keys-").FullName;
        try
        {
            var userId = TestUsers.New();
            await using (var before = await MemoryCluster.StartAsync(store))
            {
                await before.User(userId).RememberAsync([new NewMemory("Window seat, always")]);
            }

            var raw = await store.RawAsync();
            var dataKey = StoreKeys.DataKey(StoreKeys.DefaultPrefix, userId);
            Assert.False((await raw.StringGetAsync(dataKey)).IsNull);

            await using var after = await MemoryCluster.StartAsync(store, new Dictionary<string, string?> { [$"{SnapshotEncryptionOptions.SectionName}:KeyStorePath"] = keyFolder });
            var stats = await after.User(userId).GetStatsAsync();

            Assert.Equal(1, stats.MemoryCount);
            Assert.True((await raw.StringGetAsync(dataKey)).IsNull);
            Assert.Contains(userId + "\t", await File.ReadAllTextAsync(Path.Combine(keyFolder, FileWrappedKeyStore.FileName)));
        }
        finally
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }
}
