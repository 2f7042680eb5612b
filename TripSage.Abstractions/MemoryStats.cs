namespace TripSage.Memory;

/// <summary>Counts and sizes of what one user holds.</summary>
[GenerateSerializer, Immutable]
public sealed record MemoryStats
{
    /// <summary>Memories held now.</summary>
    [Id(0)] public int MemoryCount { get; init; }

    /// <summary>Memories held now, by category (uncategorized under <c>general</c>).</summary>
    [Id(1)] public IReadOnlyDictionary<string, int> ByCategory { get; init; } = new Dictionary<string, int>();

    /// <summary>Preferences held now.</summary>
    [Id(2)] public int PreferenceCount { get; init; }

    /// <summary>UTF-8 bytes of all memory text held now.</summary>
    [Id(3)] public long TextBytes { get; init; }

    /// <summary>Creation time of the oldest memory held.</summary>
    [Id(4)] public DateTimeOffset? OldestAt { get; init; }

    /// <summary>Creation time of the newest memory held.</summary>
    [Id(5)] public DateTimeOffset? NewestAt { get; init; }

    /// <summary>Memories stored since the user's state was created.</summary>
    [Id(6)] public long StoredTotal { get; init; }

    /// <summary>Duplicates detected since the user's state was created.</summary>
    [Id(7)] public long DuplicatesTotal { get; init; }

    /// <summary>Memories deleted by forget since the user's state was created.</summary>
    [Id(8)] public long ForgottenTotal { get; init; }

    /// <summary>Memories deleted because they expired since the user's state was created.</summary>
    [Id(9)] public long ExpiredTotal { get; init; }

    /// <summary>Updates since the user's state was created.</summary>
    [Id(10)] public long UpdatedTotal { get; init; }
}
