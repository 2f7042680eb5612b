namespace TripSage.Memory;

/// <summary>An earlier version of a memory.</summary>
[GenerateSerializer, Immutable]
public sealed record MemoryVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] string Text,
    [property: Id(2)] string? Category,
    [property: Id(3)] IReadOnlyDictionary<string, string> Tags,
    [property: Id(4)] DateTimeOffset UpdatedAt);
