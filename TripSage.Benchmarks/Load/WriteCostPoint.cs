namespace TripSage.Memory.Benchmarks.Load;

/// <summary>What one remember costs the grid when the user already holds <see cref="Memories"/> memories.</summary>
internal sealed record WriteCostPoint(int Memories, ScenarioResult Result)
{
    /// <summary>Bytes the store received per acknowledged write (snapshot, audit and key traffic together).</summary>
    public double? BytesWrittenPerWrite => Result.StoreInputBytesPerOperation;
}
