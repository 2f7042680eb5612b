using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Security.Auth;

namespace TripSage.Memory.Grains.Migration;

/// <summary>
/// The admin side of a store migration (<c>tripsage migrate</c>); every call needs a token with the admin
/// scope. The rollout it sets lives in the source store; every silo picks it up (<see cref="UserStoreRouter"/>).
/// </summary>
internal sealed partial class StoreMigrationGrain(
    UserStoreRouter stores,
    MigrationLedger ledger,
    UserKeyTransfer transfer,
    IOptions<MigrationOptions> options,
    [FromKeyedServices(MemoryClock.Key)] TimeProvider time,
    CallerAuthenticator authenticator,
    ILogger<StoreMigrationGrain> logger) : Grain, IStoreMigrationGrain, IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var caller = await authenticator.AuthenticateAsync(RequestContext.Get(MemoryRequestContext.BearerToken) as string);
        authenticator.Authorize(caller, userId: string.Empty, adminOnly: true);
        LogMigrationOperation(logger, context.InterfaceMethod.Name, caller.Subject);
        await context.Invoke();
    }

    public async Task<MigrationStatus> GetStatusAsync()
    {
        var target = Target();
        var rollout = await ledger.ReadRolloutAsync();
        var placements = await ledger.PlacementsAsync();
        var users = await UsersAsync(target);
        var onTarget = users.Count(u => placements.GetValueOrDefault(u) == UserStore.TargetName);
        var waiting = users.Count(u => stores.OwnerOf(u, rollout).Name != placements.GetValueOrDefault(u, UserStore.SourceName));
        var verifications = await ledger.VerificationsAsync();
        var verified = verifications.Count(v => v.Value == MigrationLedger.VerifiedOutcome);
        var (moves, movedBytes) = await ledger.MovedAsync();
        return new MigrationStatus(rollout.Percent, rollout.Epoch, rollout.ChangedAt, users.Count, users.Count - onTarget, onTarget, waiting, verified, verifications.Count - verified, moves, movedBytes);
    }

    public async Task<MigrationStatus> SetPercentAsync(int percent)
    {
        Target();
        if (percent is < 0 or > RolloutBuckets.Count)
        {
            throw new MemoryValidationException("percent", $"{percent} is out of range", "0 to 100");
        }

        var rollout = await ledger.SetRolloutAsync(percent, time.GetUtcNow());
        stores.Observe(rollout);
        LogRolloutSet(logger, rollout.Percent, rollout.Epoch);
        return await GetStatusAsync();
    }

    public async Task<MigrationCopyReport> CopyAsync(int percent, int maxUsers)
    {
        var target = Target();
        var rollout = await ledger.ReadRolloutAsync();
        if (percent < 0 || percent > rollout.Percent)
        {
            throw new MemoryValidationException("percent", $"{percent} is above the rollout percentage {rollout.Percent} (or below 0)", $"0 to {rollout.Percent}; raise the rollout first with 'migrate set'");
        }

        if (maxUsers < 1)
        {
            throw new MemoryValidationException("maxUsers", $"{maxUsers} is not positive", "1 or more");
        }

        // Grains active on a user's old store are deactivated within one refresh of the rollout on every
        // silo; copying before then would make them fail their next write with "retry" (the fence).
        var settled = rollout.ChangedAt + (2 * options.Value.RefreshInterval) - time.GetUtcNow();
        if (settled > TimeSpan.Zero)
        {
            await Task.Delay(settled);
        }

        var placements = await ledger.PlacementsAsync();
        var waiting = (await UsersAsync(target))
            .Where(u => stores.OwnerOf(u, rollout).Name != placements.GetValueOrDefault(u, UserStore.SourceName))
            .Where(u => stores.OwnerOf(u, rollout) == stores.Source || RolloutBuckets.OnTarget(u, percent))
            .Order(StringComparer.Ordinal)
            .ToList();
        int moved = 0, busy = 0;
        long bytes = 0;
        var round = Stopwatch.StartNew();
        foreach (var group in waiting.Take(maxUsers).Chunk(options.Value.CopyParallelism))
        {
            if (round.Elapsed > options.Value.CopyRoundTime)
            {
                break;
            }

            foreach (var copied in await Task.WhenAll(group.Select(u => stores.PlaceAsync(u, stores.OwnerOf(u, rollout)))))
            {
                if (copied is { } copiedBytes)
                {
                    moved++;
                    bytes += copiedBytes;
                }
                else
                {
                    busy++;
                }
            }
        }

        return new MigrationCopyReport(moved, busy, waiting.Count - moved, bytes);
    }

    public async Task<MigrationVerifyReport> VerifyAsync()
    {
        var target = Target();
        var rollout = await ledger.ReadRolloutAsync();
        var onTarget = (await ledger.PlacementsAsync())
            .Where(p => p.Value == UserStore.TargetName && RolloutBuckets.OnTarget(p.Key, rollout.Percent))
            .Select(p => p.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        var differences = new List<MigrationDifference>();
        foreach (var userId in onTarget)
        {
            string? difference;
            try
            {
                difference = await CompareAsync(userId, stores.Source, target);
            }
            catch (Exception ex) when (ex is not StoreUnavailableException)
            {
                difference = $"a copy could not be read ({ex.GetType().Name})";
            }

            await ledger.RecordVerificationAsync(userId, difference ?? MigrationLedger.VerifiedOutcome);
            if (difference is not null)
            {
                differences.Add(new MigrationDifference(userId, difference));
            }
        }

        return new MigrationVerifyReport(onTarget.Count, onTarget.Count - differences.Count, differences);
    }

    public async Task<MigrationFinishReport> FinishAsync()
    {
        Target();
        var rollout = await ledger.ReadRolloutAsync();
        var verifications = await ledger.VerificationsAsync();
        int deleted = 0, notVerified = 0;
        foreach (var (userId, placement) in await ledger.PlacementsAsync())
        {
            if (placement != UserStore.TargetName || !RolloutBuckets.OnTarget(userId, rollout.Percent))
            {
                continue;
            }

            if (verifications.GetValueOrDefault(userId) != MigrationLedger.VerifiedOutcome)
            {
                notVerified++;
                continue;
            }

            await transfer.DeleteAsync(stores.Source, userId);
            deleted++;
        }

        LogFinished(logger, deleted, notVerified);
        return new MigrationFinishReport(deleted, notVerified);
    }

    /// <summary>Null when the target copy matches, or continues, the source copy; else what differs (never memory text).</summary>
    private async Task<string?> CompareAsync(string userId, UserStore source, UserStore target)
    {
        var grainId = GrainFactory.GetGrain<IUserMemoryGrain>(userId).GetGrainId();
        var before = new GrainState<UserMemoryState>();
        var after = new GrainState<UserMemoryState>();
        await source.Snapshots.ReadStateAsync(StorageNames.Memory, grainId, before);
        await target.Snapshots.ReadStateAsync(StorageNames.Memory, grainId, after);
        var sourceHead = await source.AuditLog.HeadAsync(userId);
        var targetHead = await target.AuditLog.HeadAsync(userId);
        if (targetHead.Sequence < sourceHead.Sequence)
        {
            return $"the target's audit trail ends at {targetHead.Sequence}, before the source's at {sourceHead.Sequence}";
        }

        if (targetHead.Sequence > sourceHead.Sequence)
        {
            // Newer on the target: its trail must go through the source's last event.
            var continued = sourceHead.Sequence == 0 ? sourceHead.Hash : (await target.AuditLog.ReadAllAsync(userId)).Events.FirstOrDefault(e => e.Sequence == sourceHead.Sequence)?.Hash;
            return continued == sourceHead.Hash ? null : $"the target's audit event {sourceHead.Sequence} is not the source's last event";
        }

        if (targetHead.Hash != sourceHead.Hash)
        {
            return $"the audit heads at {sourceHead.Sequence} differ";
        }

        var was = before.State ?? new UserMemoryState();
        var now = after.State ?? new UserMemoryState();
        if (was.Memories.Count != now.Memories.Count
            || was.Memories.Any(m => !now.Memories.TryGetValue(m.Key, out var copy) || copy.Version != m.Value.Version || copy.Text != m.Value.Text))
        {
            return "the memories differ with the same audit head";
        }

        var preferencesMatch = was.Preferences.Count == now.Preferences.Count
            && was.Preferences.All(p => now.Preferences.GetValueOrDefault(p.Key) == p.Value);
        return preferencesMatch ? null : "the preferences differ with the same audit head";
    }

    private async Task<HashSet<string>> UsersAsync(UserStore target)
    {
        var users = await transfer.UsersAsync(stores.Source);
        users.UnionWith(await transfer.UsersAsync(target));
        return users;
    }

    private UserStore Target() => stores.Target
        ?? throw new InvalidOperationException($"No store migration is configured: set {MigrationOptions.SectionName}:Target:ConnectionString on every silo first.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration operation {Operation} requested by {Subject}")]
    private static partial void LogMigrationOperation(ILogger logger, string operation, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration rollout set to {Percent} % (epoch {Epoch})")]
    private static partial void LogRolloutSet(ILogger logger, int percent, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration finished for {Deleted} users (source keys deleted); {NotVerified} users kept their source keys")]
    private static partial void LogFinished(ILogger logger, int deleted, int notVerified);
}
