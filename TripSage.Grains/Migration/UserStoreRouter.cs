using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TripSage.Memory.Grains.Migration;

/// <summary>
/// Decides, on each silo, which store each user's grain reads and writes, and moves a user's keys when the
/// rollout says the user belongs on the other store. Without a target every user is on the source store;
/// the router then only reads the rollout (at each activation and every refresh), to refuse users while a
/// migration that this silo is not configured for is under way.
/// <para>
/// <b>Activation.</b> The grain's first state read binds the activation to a store (<see cref="BindAsync"/>):
/// the rollout is read fresh, the store that owns the user is chosen by bucket (<see cref="RolloutBuckets"/>),
/// and if the user's placement says the other store, the user's keys are copied over first (under the user's
/// copy lock, the old snapshot fenced, <see cref="UserKeyTransfer"/>) and the placement is recorded. From then
/// on the activation serves from that store only.
/// </para>
/// <para>
/// <b>A change of the rollout.</b> Every silo reads the rollout every <see cref="MigrationOptions.RefreshInterval"/>
/// (and at once on the silo that set it), and deactivates its activations whose user now belongs on the other
/// store; until then each call and each write checks the rollout held here and is refused ("retry") if its
/// store no longer owns the user. The rollout held here may be up to one refresh old: in that window an old
/// activation may still serve and write its old store. That loses nothing, because Orleans keeps one
/// activation per user, so nothing else writes the user meanwhile, and the next activation copies what the
/// old one wrote. The one writer that does not wait for the activation to go is a background copy
/// (<c>tripsage migrate copy</c>); it fences the old snapshot before copying, so the old activation's next
/// write fails with "retry" instead of landing where nobody reads.
/// </para>
/// </summary>
internal sealed partial class UserStoreRouter(
    UserStore source,
    UserStore? target,
    MigrationLedger ledger,
    UserKeyTransfer transfer,
    MigrationOptions options,
    ILogger<UserStoreRouter> logger) : IDisposable
{
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, Binding> _bindings = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private MigrationRollout _rollout = MigrationRollout.None;
    private Task? _refreshing;

    public UserStore Source => source;

    /// <summary>The target store, or null when no migration is configured.</summary>
    public UserStore? Target => target;

    /// <summary>The rollout as this silo last read it.</summary>
    public MigrationRollout Rollout => _rollout;

    /// <summary>The store that owns <paramref name="userId"/> under <paramref name="rollout"/>.</summary>
    public UserStore OwnerOf(string userId, MigrationRollout rollout) =>
        target is not null && RolloutBuckets.OnTarget(userId, rollout.Percent) ? target : source;

    /// <summary>
    /// Whether <paramref name="store"/> still owns the user under the rollout held here (no store round trip).
    /// A silo without a target owns nobody once the rollout it reads puts users on the target.
    /// </summary>
    public bool Owns(string userId, UserStore store) =>
        (target is not null || _rollout.Percent == 0) && OwnerOf(userId, _rollout) == store;

    /// <summary>
    /// The store a new activation of the user serves from, with the user's keys moved there first when
    /// they are on the other store.
    /// </summary>
    public async Task<UserStore> BindAsync(string userId)
    {
        EnsureRefreshing();
        Observe(await ledger.ReadRolloutAsync());
        if (target is null)
        {
            await RefuseUnlessOnSourceAsync(userId);
            return source;
        }

        var owner = OwnerOf(userId, _rollout);
        var deadline = DateTime.UtcNow + options.CopyLockTimeout;
        while (await PlaceAsync(userId, owner) is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new StoreUnavailableException("the user's memory is being moved to another store; nothing was changed, retry the call");
            }

            await Task.Delay(LockRetryDelay);
        }

        _bindings[userId] = new Binding(owner);
        return owner;
    }

    /// <summary>
    /// A silo started without <c>TripSage:Migration:Target</c> can serve a user only from the source, so it
    /// refuses every user while the rollout puts any user on the target, and, after a rollback to 0 %, each
    /// user still placed there until <c>migrate copy</c> brings them back: serving them from the source would
    /// read an old copy and fork the user. Before any <c>migrate set</c> (epoch 0) it costs no store read.
    /// </summary>
    private async Task RefuseUnlessOnSourceAsync(string userId)
    {
        if (_rollout.Percent > 0 || (_rollout.Epoch > 0 && await ledger.PlacementAsync(userId) != UserStore.SourceName))
        {
            LogRefusedWithoutTarget(logger, _rollout.Percent, _rollout.Epoch);
            throw new StoreUnavailableException(
                $"a store migration is under way (rollout {_rollout.Percent} %, epoch {_rollout.Epoch}) but this silo has no "
                + $"{MigrationOptions.SectionName}:Target:ConnectionString; it serves no user until it is restarted with the target's settings. Nothing was changed; retry the call");
        }
    }

    /// <summary>
    /// Moves the user's keys to <paramref name="owner"/> unless they are there: the bytes copied (0 when
    /// they were there), or null when another copy of the user holds the lock.
    /// </summary>
    public async Task<long?> PlaceAsync(string userId, UserStore owner)
    {
        var token = Guid.NewGuid().ToString("N");
        if (!await ledger.TryLockAsync(userId, token, options.CopyLockTimeout))
        {
            return null;
        }

        try
        {
            var placement = await ledger.PlacementAsync(userId);
            if (placement == owner.Name)
            {
                // A copy that died after the fence and before recording the placement left the snapshot fenced.
                await transfer.UnfenceAsync(owner, userId);
                return 0;
            }

            var from = owner == source ? target! : source;
            var bytes = await transfer.CopyAsync(from, owner, userId);
            await ledger.ForgetVerificationAsync(userId);
            await ledger.SetPlacementAsync(userId, owner.Name);
            await ledger.CountMoveAsync(bytes);
            LogMoved(logger, from.Name, owner.Name, bytes);
            return bytes;
        }
        finally
        {
            await ledger.UnlockAsync(userId, token);
        }
    }

    /// <summary>Whether the user's placement is still <paramref name="store"/> (one read of the source store).</summary>
    public async Task<bool> StillPlacedAsync(string userId, UserStore store) =>
        target is null || await ledger.PlacementAsync(userId) == store.Name;

    /// <summary>The store the user's activation was bound to by its state read, now watched for rollout changes.</summary>
    public UserStore Activated(string userId, IGrainContext activation)
    {
        if (target is null)
        {
            return source;
        }

        var binding = _bindings.GetValueOrDefault(userId) ?? throw new InvalidOperationException("The user's state was not read through the routed storage before activation.");
        binding.Activation = activation;
        if (!Owns(userId, binding.Store))
        {
            activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "the user's store changed"));
        }

        return binding.Store;
    }

    /// <summary>Forgets the activation once it has deactivated.</summary>
    public void Deactivated(string userId, IGrainContext activation)
    {
        if (_bindings.TryGetValue(userId, out var binding) && binding.Activation == activation)
        {
            _bindings.TryRemove(new KeyValuePair<string, Binding>(userId, binding));
        }
    }

    /// <summary>Takes a rollout read from the store (or just set); a newer one deactivates the activations whose store it changes.</summary>
    public void Observe(MigrationRollout rollout)
    {
        lock (_bindings)
        {
            if (rollout.Epoch <= _rollout.Epoch)
            {
                return;
            }

            _rollout = rollout;
        }

        foreach (var (userId, binding) in _bindings)
        {
            if (binding.Activation is { } activation && !Owns(userId, binding.Store))
            {
                activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "the user's store changed"));
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void EnsureRefreshing()
    {
        lock (_bindings)
        {
            _refreshing ??= Task.Run(RefreshLoopAsync);
        }
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(options.RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    Observe(await ledger.ReadRolloutAsync());
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRefreshFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The silo is stopping.
        }
    }

    private sealed class Binding(UserStore store)
    {
        public UserStore Store { get; } = store;

        public IGrainContext? Activation { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User keys moved from the {From} store to the {To} store ({Bytes} bytes)")]
    private static partial void LogMoved(ILogger logger, string from, string to, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "A user's call was refused: a store migration is under way (rollout {Percent} %, epoch {Epoch}) and this silo has no TripSage:Migration:Target:ConnectionString")]
    private static partial void LogRefusedWithoutTarget(ILogger logger, int percent, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the migration rollout failed; the last one read stays in force and the read is tried again")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
