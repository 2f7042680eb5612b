namespace TripSage.Memory;

/// <summary>The most recent memories of one category, newest first.</summary>
[GenerateSerializer, Immutable]
public sealed record ContextSection(
    [property: Id(0)] string Category,
    [property: Id(1)] IReadOnlyList<MemoryRecord> Memories);
