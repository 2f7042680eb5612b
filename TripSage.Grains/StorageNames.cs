namespace TripSage.Memory.Grains;

/// <summary>Names of the grain storage providers the grid registers.</summary>
internal static class StorageNames
{
    /// <summary>Encrypted user snapshots: what grains use.</summary>
    public const string Memory = "memory";

    /// <summary>The name of the user grain's persistent state (part of its key in the store).</summary>
    public const string UserState = "memory";

    /// <summary>The grain type of <see cref="UserMemoryGrain"/> (Orleans' default: the class name without "Grain", lower case).</summary>
    public const string UserGrainType = "usermemory";

    /// <summary>The Redis provider underneath, which sees only sealed envelopes.</summary>
    public const string SealedSnapshots = "memory-sealed";

    /// <summary>The Redis provider on the target store of a migration (<c>TripSage:Migration:Target</c>).</summary>
    public const string SealedSnapshotsOnTarget = "memory-sealed-target";
}
