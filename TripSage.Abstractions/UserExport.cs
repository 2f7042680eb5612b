namespace TripSage.Memory;

/// <summary>Everything held about one user, as written by export and read by import.</summary>
[GenerateSerializer, Immutable]
public sealed record UserExport
{
    /// <summary>The document format version this build writes and reads.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The document format version.</summary>
    [Id(0)] public int Format { get; init; } = CurrentFormat;

    /// <summary>The user the document is about.</summary>
    [Id(1)] public required string UserId { get; init; }

    /// <summary>When the document was made.</summary>
    [Id(2)] public DateTimeOffset ExportedAt { get; init; }

    /// <summary>Every memory with its history.</summary>
    [Id(3)] public IReadOnlyList<MemoryRecord> Memories { get; init; } = [];

    /// <summary>Every preference.</summary>
    [Id(4)] public IReadOnlyDictionary<string, string> Preferences { get; init; } = new Dictionary<string, string>();
}
