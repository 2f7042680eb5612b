namespace TripSage.Memory.Grains;

/// <summary>Lifetime totals of one user's memory, kept for stats. Public only because <see cref="UserMemoryState"/> is.</summary>
[GenerateSerializer]
public sealed class MemoryCounters
{
    [Id(0)] public long Stored { get; set; }

    [Id(1)] public long Duplicates { get; set; }

    [Id(2)] public long Forgotten { get; set; }

    [Id(3)] public long Expired { get; set; }

    [Id(4)] public long Updated { get; set; }
}
