using Orleans.Storage;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// The outermost layer of the memory's grain storage: a store failure leaves it as the one typed
/// <see cref="StoreUnavailableException"/> (<see cref="StoreFailure"/>), also when it happens while a
/// grain activates, where no call pipeline is there to translate it and Orleans would otherwise hand
/// the caller the Redis client's exception wrapped in a long message with server stack frames.
/// </summary>
internal sealed class TypedFailureGrainStorage(IGrainStorage store) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await store.ReadStateAsync(stateName, grainId, grainState);
        }
        catch (Exception ex) when (StoreFailure.Translate(ex) is { } typed)
        {
            throw typed;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await store.WriteStateAsync(stateName, grainId, grainState);
        }
        catch (Exception ex) when (StoreFailure.Translate(ex) is { } typed)
        {
            throw typed;
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await store.ClearStateAsync(stateName, grainId, grainState);
        }
        catch (Exception ex) when (StoreFailure.Translate(ex) is { } typed)
        {
            throw typed;
        }
    }
}
