using Microsoft.Extensions.DependencyInjection;
using TripSage.Memory.Client;
using TripSage.Memory.Grains.Migration;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Harness;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Migration;

/// <summary>
/// The staged store migration on two real stores while a load writes and reads through the client:
/// 5 → 25 → 50 %, rollback to 25 %, forward to 50 → 100 %, a background copy after each step, then verify
/// and finish. Every acknowledged write is then on the target exactly once — read back after the source
/// keys were deleted and every grain reloaded — and no read during the run missed an acknowledged write.
/// </summary>
public sealed class StoreMigrationTests
{
    private const int Users = 48;
    private const string TargetPrefix = "tripsage-next";
    private static readonly int[] Stages = [5, 25, 50, 25, 50, 100];

    [Fact]
    public async Task StagedRollout_GarnetToGarnet_NoAcknowledgedWriteLost()
    {
        await using var source = GarnetTestStore.Start();
        await using var target = GarnetTestStore.Start();
        await RunStagedRolloutAsync(source, target);
    }

    [SkippableFact]
    public async Task StagedRollout_GarnetToRedisServer_NoAcknowledgedWriteLost()
    {
        RedisServerTestStore.SkipUnlessAvailable();
        await using var source = GarnetTestStore.Start();
        await using var target = await RedisServerTestStore.StartNewAsync();
        await RunStagedRolloutAsync(source, target);
    }

    [SkippableFact]
    public async Task StagedRollout_RedisServerToGarnet_NoAcknowledgedWriteLost()
    {
        RedisServerTestStore.SkipUnlessAvailable();
        await using var source = await RedisServerTestStore.StartNewAsync();
        await using var target = GarnetTestStore.Start();
        await RunStagedRolloutAsync(source, target);
    }

    /// <summary>
    /// A background copy that moves a user while the user's grain is still active on the old store (its silo
    /// has not yet seen the new rollout): the grain's next write must be refused, not land where nobody reads.
    /// </summary>
    [Fact]
    public async Task Write_AfterACopyMovedTheActiveUser_IsRefusedAndNotWrittenToTheOldStore()
    {
        await using var source = GarnetTestStore.Start();
        await using var target = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(source, TargetSettings(target, refresh: "00:05:00"));
        var userId = TestUsers.New("fenced");
        await memory.User(userId).RememberAsync([new NewMemory("before the move")]);
        var router = memory.Cluster.Silos[0].ServiceProvider.GetRequiredService<UserStoreRouter>();

        // What `migrate copy` does for a user the rollout sends to the target, with the rollout held here still old.
        Assert.NotNull(await router.PlaceAsync(userId, router.Target!));
        var snapshotBefore = await memory.RawSnapshotAsync(userId);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => memory.User(userId).RememberAsync([new NewMemory("after the move")]));
        Assert.Equal(snapshotBefore, await memory.RawSnapshotAsync(userId));
    }

    /// <summary>
    /// <c>migrate status</c> counts every move of a user's keys and the bytes it copied: the one an activation
    /// makes (the user's next call after <c>migrate set</c>) as well as those of <c>migrate copy</c>.
    /// </summary>
    [Fact]
    public async Task Status_UserMovedByActivationThenByCopy_CountsBothMovesAndTheirBytes()
    {
        await using var source = GarnetTestStore.Start();
        await using var target = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(source, TargetSettings(target, refresh: "00:00:00.200"));
        var migration = memory.Client.GetGrain<IStoreMigrationGrain>(0);
        var userId = TestUsers.New("counted");
        await memory.User(userId).RememberAsync([new NewMemory("aisle seat")]);

        await migration.SetPercentAsync(100);
        await memory.DeactivateAsync(userId);
        await memory.User(userId).RememberAsync([new NewMemory("late checkout")]);
        var afterActivation = await migration.GetStatusAsync();

        await migration.SetPercentAsync(0);
        var copy = await migration.CopyAsync(0, maxUsers: 16);
        var afterCopy = await migration.GetStatusAsync();

        Assert.Equal(1, afterActivation.Moves);
        Assert.True(afterActivation.MovedBytes > 0);
        Assert.Equal(1, copy.Moved);
        Assert.Equal(2, afterCopy.Moves);
        Assert.Equal(afterActivation.MovedBytes + copy.Bytes, afterCopy.MovedBytes);
    }

    private static Dictionary<string, string?> TargetSettings(TestStore target, string refresh) => new()
    {
        [$"{MigrationOptions.SectionName}:Target:ConnectionString"] = target.ConnectionString,
        [$"{MigrationOptions.SectionName}:Target:KeyPrefix"] = TargetPrefix,
        [$"{MigrationOptions.SectionName}:RefreshInterval"] = refresh,
    };

    private static async Task RunStagedRolloutAsync(TestStore source, TestStore target)
    {
        await using var memory = await MemoryCluster.StartAsync(source, TargetSettings(target, refresh: "00:00:00.200"), silos: 2, configureClient: c => c.AddMemoryCallPolicy(new MemoryClientOptions()));
        var client = memory.Client.ServiceProvider.GetRequiredService<IMemoryClient>();
        var migration = memory.Client.GetGrain<IStoreMigrationGrain>(0);
        var users = Enumerable.Range(0, Users).Select(_ => TestUsers.New("migrate")).ToList();

        var load = new MigrationLoad(client, users);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);
        await load.WaitForAckedAsync(Users);
        foreach (var percent in Stages)
        {
            await migration.SetPercentAsync(percent);
            await load.WaitForAckedAsync(load.Acked + Users);
            await CopyAllAsync(migration, percent);
            await load.WaitForAckedAsync(load.Acked + Users);
        }

        await stop.CancelAsync();
        await running;
        Assert.Empty(load.Errors);
        Assert.Empty(load.Violations);

        await CopyAllAsync(migration, 100);
        var status = await migration.GetStatusAsync();
        Assert.Equal((100, Users, 0, Users, 0), (status.Percent, status.Users, status.OnSource, status.OnTarget, status.WaitingToMove));

        var verification = await migration.VerifyAsync();
        Assert.Empty(verification.Differences);
        Assert.Equal(Users, verification.Verified);
        Assert.Equal(Users, (await migration.FinishAsync()).Deleted);

        // Nothing of the users is left on the source: what is read now can only come from the target.
        var sourceKeys = await source.RawAsync();
        foreach (var userId in users)
        {
            Assert.Equal(0, await sourceKeys.KeyExistsAsync(StoreKeys.UserKeys(StoreKeys.DefaultPrefix, userId).Select(k => (StackExchange.Redis.RedisKey)k).ToArray()));
            Assert.True(await (await target.RawAsync()).KeyExistsAsync(StoreKeys.Snapshot(TargetPrefix, userId)));
            await memory.DeactivateAsync(userId);
        }

        foreach (var userId in users)
        {
            var texts = (await client.ListAsync(userId, new ListQuery(Limit: 500))).Items.Select(m => m.Text).ToList();
            var acked = load.AckedOf(userId);
            Assert.All(acked, text => Assert.Single(texts, t => t == text));
            Assert.Equal(acked.Count, texts.Count);
        }
    }

    private static async Task CopyAllAsync(IStoreMigrationGrain migration, int percent)
    {
        MigrationCopyReport report;
        do
        {
            report = await migration.CopyAsync(percent, maxUsers: 16);
        }
        while (report.Remaining > 0);
    }
}
