namespace TripSage.Memory;

/// <summary>A search over one user's memories. Filters are combined with AND.</summary>
/// <param name="Text">What to look for.</param>
/// <param name="Top">How many hits at most.</param>
/// <param name="Category">Only memories of this category.</param>
/// <param name="Tags">Only memories carrying all of these tags with these values.</param>
/// <param name="From">Only memories created at or after this moment.</param>
/// <param name="To">Only memories created before this moment.</param>
/// <param name="SessionId">Only memories of this conversation session.</param>
[GenerateSerializer, Immutable]
public sealed record SearchQuery(
    [property: Id(0)] string Text,
    [property: Id(1)] int Top = 10,
    [property: Id(2)] string? Category = null,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Tags = null,
    [property: Id(4)] DateTimeOffset? From = null,
    [property: Id(5)] DateTimeOffset? To = null,
    [property: Id(6)] string? SessionId = null);

/// <summary>One search result.</summary>
/// <param name="Memory">The memory found.</param>
/// <param name="Score">Relevance; higher is better, comparable only within one search.</param>
[GenerateSerializer, Immutable]
public sealed record SearchHit(
    [property: Id(0)] MemoryRecord Memory,
    [property: Id(1)] double Score);
