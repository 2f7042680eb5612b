namespace TripSage.Memory.Hosting;

/// <summary>How silos find each other.</summary>
internal enum SiloClustering
{
    /// <summary>One silo on this machine.</summary>
    Localhost,

    /// <summary>Membership kept in the Redis-compatible store.</summary>
    Redis,
}
