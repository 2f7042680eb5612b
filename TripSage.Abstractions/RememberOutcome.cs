namespace TripSage.Memory;

/// <summary>What became of one item.</summary>
/// <param name="Index">Position of the item in the request.</param>
/// <param name="MemoryId">The new memory's id, or the id of the memory it duplicates.</param>
/// <param name="Status">Whether it was stored or found to be a duplicate.</param>
[GenerateSerializer, Immutable]
public sealed record RememberOutcome(
    [property: Id(0)] int Index,
    [property: Id(1)] string MemoryId,
    [property: Id(2)] RememberStatus Status)
{
    /// <summary>The content rules the memory's text matched; empty when none did.</summary>
    [Id(3)] public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Whether the memory is quarantined: held, but left out of search and context until an admin releases it.</summary>
    [Id(4)] public bool Quarantined { get; init; }
}
