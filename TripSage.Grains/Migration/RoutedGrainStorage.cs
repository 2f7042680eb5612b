using System.Runtime.CompilerServices;
using Orleans.Storage;

namespace TripSage.Memory.Grains.Migration;

/// <summary>
/// The user memory's grain storage while stores can differ per user: an activation's first read binds it
/// to the store that owns its user (<see cref="UserStoreRouter.BindAsync"/>, which moves the user's keys
/// there first when needed), and every later read and write of that activation goes to that store only,
/// refused with "retry" once the store no longer owns the user. The binding lives with the activation's
/// state holder, the same object for the activation's whole life.
/// </summary>
internal sealed class RoutedGrainStorage(UserStoreRouter router) : IGrainStorage
{
    private readonly ConditionalWeakTable<object, UserStore> _bound = new();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var userId = UserId(grainId);
        if (!_bound.TryGetValue(grainState, out var store))
        {
            store = await router.BindAsync(userId);
            _bound.AddOrUpdate(grainState, store);
        }
        else if (!await router.StillPlacedAsync(userId, store))
        {
            // A read after a failed write: the user moved meanwhile, and this activation must not load the old copy.
            throw Moved();
        }

        await store.Snapshots.ReadStateAsync(stateName, grainId, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (userId, store) = Owned(grainId, grainState);
        try
        {
            await store.Snapshots.WriteStateAsync(stateName, grainId, grainState);
        }
        catch (InconsistentStateException) when (router.Target is not null)
        {
            if (await router.StillPlacedAsync(userId, store))
            {
                throw;
            }

            // The old snapshot was fenced by a copy that moved the user: the write did not land.
            throw Moved();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (userId, store) = Owned(grainId, grainState);
        try
        {
            await store.Snapshots.ClearStateAsync(stateName, grainId, grainState);
        }
        catch (InconsistentStateException) when (router.Target is not null)
        {
            if (await router.StillPlacedAsync(userId, store))
            {
                throw;
            }

            throw Moved();
        }
    }

    private (string UserId, UserStore Store) Owned<T>(GrainId grainId, IGrainState<T> grainState)
    {
        var userId = UserId(grainId);
        if (!_bound.TryGetValue(grainState, out var store))
        {
            throw new InvalidOperationException($"The state of '{grainId}' was written before it was read; the routed storage cannot tell its store.");
        }

        return router.Owns(userId, store) ? (userId, store) : throw Moved();
    }

    private static StoreUnavailableException Moved() => new("the user's memory moved to another store; nothing was changed, retry the call");

    private static string UserId(GrainId grainId) => grainId.Key.ToString()!;
}
