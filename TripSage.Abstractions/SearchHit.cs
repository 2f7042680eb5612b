namespace TripSage.Memory;

/// <summary>One search result.</summary>
/// <param name="Memory">The memory found.</param>
/// <param name="Score">Relevance; higher is better, comparable only within one search.</param>
/// <param name="Signals">Which signals placed the memory in the results.</param>
/// <param name="KeywordScore">The BM25 score, when the keyword signal matched.</param>
/// <param name="VectorSimilarity">The cosine similarity of the embeddings, when the embedding signal matched.</param>
[GenerateSerializer, Immutable]
public sealed record SearchHit(
    [property: Id(0)] MemoryRecord Memory,
    [property: Id(1)] double Score,
    [property: Id(2)] SearchSignals Signals = SearchSignals.None,
    [property: Id(3)] double? KeywordScore = null,
    [property: Id(4)] double? VectorSimilarity = null);
