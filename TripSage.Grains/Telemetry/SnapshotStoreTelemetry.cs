using System.Diagnostics;
using Orleans.Storage;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Grains.Operations;

namespace TripSage.Memory.Grains.Telemetry;

/// <summary>
/// Measures the snapshot store underneath the encryption: the round trip of every read, write and
/// clear, and the size of every envelope written, which is exactly what the store holds.
/// </summary>
internal sealed class SnapshotStoreTelemetry(IGrainStorage store, MemoryMetrics metrics) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        MeasureAsync(MemoryTelemetry.SnapshotActions.Read, () => store.ReadStateAsync(stateName, grainId, grainState));

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await MeasureAsync(MemoryTelemetry.SnapshotActions.Write, () => store.WriteStateAsync(stateName, grainId, grainState));
        if (grainState.State is SealedSnapshot snapshot)
        {
            metrics.RecordSnapshotSize(snapshot.Envelope.Length);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        MeasureAsync(MemoryTelemetry.SnapshotActions.Clear, () => store.ClearStateAsync(stateName, grainId, grainState));

    private async Task MeasureAsync(string action, Func<Task> storeCall)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = OperationOutcome.Ok;
        try
        {
            await storeCall();
        }
        catch (InconsistentStateException)
        {
            outcome = OperationOutcome.Conflict;
            throw;
        }
        catch
        {
            outcome = OperationOutcome.Error;
            throw;
        }
        finally
        {
            metrics.RecordSnapshot(action, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
