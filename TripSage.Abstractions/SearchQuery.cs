namespace TripSage.Memory;

/// <summary>A search over one user's memories. Filters are combined with AND.</summary>
/// <param name="Text">What to look for.</param>
/// <param name="Top">How many hits at most.</param>
/// <param name="Category">Only memories of this category.</param>
/// <param name="Tags">Only memories carrying all of these tags with these values.</param>
/// <param name="From">Only memories created at or after this moment.</param>
/// <param name="To">Only memories created before this moment.</param>
/// <param name="SessionId">Only memories of this conversation session.</param>
/// <param name="Mode">Which signals rank the hits; hybrid (keyword and embedding, fused) when not set.</param>
/// <param name="QueryEmbedding">
/// The query's embedding, when the caller embedded it; otherwise the grid embeds <paramref name="Text"/> with its model.
/// </param>
/// <param name="QueryEmbeddingModel">
/// The model <paramref name="QueryEmbedding"/> was made with; it must be the model the user's memories are embedded with.
/// </param>
/// <param name="KeywordWeight">Weight of the keyword signal in the fusion; the grid's default when not set.</param>
/// <param name="VectorWeight">Weight of the embedding signal in the fusion; the grid's default when not set.</param>
/// <param name="RecencyHalfLife">When set, newer memories rank higher: the boost halves with every half-life of age.</param>
[GenerateSerializer, Immutable]
public sealed record SearchQuery(
    [property: Id(0)] string Text,
    [property: Id(1)] int Top = 10,
    [property: Id(2)] string? Category = null,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Tags = null,
    [property: Id(4)] DateTimeOffset? From = null,
    [property: Id(5)] DateTimeOffset? To = null,
    [property: Id(6)] string? SessionId = null,
    [property: Id(7)] SearchMode Mode = SearchMode.Hybrid,
    [property: Id(8)] float[]? QueryEmbedding = null,
    [property: Id(9)] string? QueryEmbeddingModel = null,
    [property: Id(10)] double? KeywordWeight = null,
    [property: Id(11)] double? VectorWeight = null,
    [property: Id(12)] TimeSpan? RecencyHalfLife = null);
