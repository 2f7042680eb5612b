using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>
/// Failures while a user's grain activates reach the client as the typed exceptions the README
/// promises, with short messages that carry no server stack frames or paths (issue 11, finding 6).
/// </summary>
public sealed class ClientErrorTests
{
    // What a caller may be shown: a sentence or two. The untyped error this replaced was 1,742 characters.
    private const int MaxMessageLength = 300;

    [Fact]
    public async Task WrongMasterKey_AtActivation_ReachesTheClientAsSnapshotUnreadable()
    {
        await using var store = GarnetTestStore.Start();
        var userId = TestUsers.New();
        await using (var memory = await MemoryCluster.StartAsync(store))
        {
            await memory.User(userId).RememberAsync([new NewMemory("Booked the Ritz for June")]);
        }

        await using var wrongKey = await MemoryCluster.StartAsync(store, new Dictionary<string, string?>
        {
            [$"{SnapshotEncryptionOptions.SectionName}:Keys:test-1"] = KeyRing.NewKey(),
        });

        var error = await Assert.ThrowsAsync<SnapshotUnreadableException>(() => wrongKey.User(userId).GetStatsAsync());

        AssertShortAndClean(error);
        Assert.Contains("does not authenticate", error.Message);
    }

    [Fact]
    public async Task StoreDown_AtActivation_ReachesTheClientAsStoreUnavailableWithinSeconds()
    {
        await using var store = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(store);
        await memory.User(TestUsers.New()).RememberAsync([new NewMemory("the store is up")]);
        await store.StopAsync();
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => memory.User(TestUsers.New()).GetStatsAsync());

        AssertShortAndClean(error);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    private static void AssertShortAndClean(Exception error)
    {
        Assert.InRange(error.Message.Length, 1, MaxMessageLength);
        Assert.DoesNotContain(" at ", error.Message);
        Assert.DoesNotContain(".cs", error.Message);
        Assert.DoesNotContain("Exception", error.Message);
    }
}
