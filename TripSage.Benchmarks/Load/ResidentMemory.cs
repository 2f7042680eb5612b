namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// Memory the silo holds per active user, from managed-heap (<c>GC.GetTotalMemory(true)</c>) and
/// working-set differences across activating <see cref="Users"/> users. Client, silo and embedded store
/// share the process, so the heap difference is the figure to read; the working set is coarser.
/// </summary>
internal sealed record ResidentMemory(int Users, int MemoriesPerUser, long HeapBytes, long WorkingSetBytes)
{
    // The density target: users per 4 GB of silo memory.
    private const double TargetMemoryBytes = 4.0 * 1024 * 1024 * 1024;

    public double HeapBytesPerUser => (double)HeapBytes / Users;

    public double WorkingSetBytesPerUser => (double)WorkingSetBytes / Users;

    /// <summary>Users of this size that fit in 4 GB of managed heap at this density.</summary>
    public double UsersPer4GB => HeapBytesPerUser > 0 ? TargetMemoryBytes / HeapBytesPerUser : double.PositiveInfinity;
}
