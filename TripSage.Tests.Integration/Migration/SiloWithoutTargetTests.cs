using TripSage.Memory.Client;
using TripSage.Memory.Grains.Migration;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Migration;

/// <summary>
/// A silo started without <c>TripSage:Migration:Target</c> while the source store's rollout says a migration is
/// under way must serve nobody from the source store (an old copy, or a write that forks the user): it refuses
/// the call with <see cref="StoreUnavailableException"/> naming the setting, and changes nothing.
/// The rollout is written into the store as <c>tripsage migrate set</c> on a configured silo would leave it.
/// </summary>
public sealed class SiloWithoutTargetTests
{
    private const string RefreshSetting = $"{MigrationOptions.SectionName}:RefreshInterval";
    private const string TargetSetting = $"{MigrationOptions.SectionName}:Target:ConnectionString";

    [Fact]
    public async Task Call_RolloutUnderWayAndNoTargetConfigured_IsRefusedNamingTheSetting()
    {
        await using var store = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(store, new Dictionary<string, string?> { [RefreshSetting] = "00:00:00.200" });
        var userId = TestUsers.New("no-target");
        await SetRolloutAsync(store, percent: 25, epoch: 1);

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => memory.User(userId).RememberAsync([new NewMemory("window seat")]));

        Assert.Contains(TargetSetting, refused.Message, StringComparison.Ordinal);
        Assert.Null(await memory.RawSnapshotAsync(userId));
    }

    [Fact]
    public async Task Call_ActiveUserWhenRolloutStarts_IsRefusedAfterTheRefresh()
    {
        await using var store = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(store, new Dictionary<string, string?> { [RefreshSetting] = "00:00:00.200" });
        var userId = TestUsers.New("no-target-active");
        var acknowledged = new List<string>();
        string? refused = null;

        await SetRolloutAsync(store, percent: 5, epoch: 1);
        await Eventually.TrueAsync(
            async () =>
            {
                var text = $"write {acknowledged.Count}";
                try
                {
                    await memory.User(userId).RememberAsync([new NewMemory(text)]);
                    acknowledged.Add(text);
                    return false;
                }
                catch (StoreUnavailableException)
                {
                    refused = text;
                    return true;
                }
            },
            TimeSpan.FromSeconds(20),
            "the silo without a target to refuse the active user");

        // Back to no migration at all: the silo serves the user from the source again.
        await SetRolloutAsync(store, percent: 0, epoch: 2);
        var texts = new List<string>();
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    texts = (await memory.User(userId).ListAsync(new ListQuery())).Items.Select(m => m.Text).ToList();
                    return true;
                }
                catch (StoreUnavailableException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(20),
            "the silo to serve the user again after the rollback");
        Assert.DoesNotContain(refused, texts);
        Assert.All(acknowledged, text => Assert.Contains(text, texts));
    }

    [Fact]
    public async Task Call_RolledBackToZeroWithUserStillOnTarget_RefusesThatUserOnly()
    {
        await using var store = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(store, new Dictionary<string, string?> { [RefreshSetting] = "00:00:00.200" });
        var stranded = TestUsers.New("stranded");
        var home = TestUsers.New("home");
        await SetRolloutAsync(store, percent: 0, epoch: 2);
        await (await store.RawAsync()).HashSetAsync(StoreKeys.MigrationPlacement(StoreKeys.DefaultPrefix), stranded, UserStore.TargetName);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => memory.User(stranded).RememberAsync([new NewMemory("window seat")]));
        await memory.User(home).RememberAsync([new NewMemory("window seat")]);

        Assert.Null(await memory.RawSnapshotAsync(stranded));
        Assert.NotNull(await memory.RawSnapshotAsync(home));
    }

    private static async Task SetRolloutAsync(TestStore store, int percent, long epoch) =>
        await (await store.RawAsync()).HashSetAsync(
            StoreKeys.MigrationRollout(StoreKeys.DefaultPrefix),
            [new("percent", percent), new("epoch", epoch), new("changed", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())]);
}
