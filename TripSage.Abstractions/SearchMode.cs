namespace TripSage.Memory;

/// <summary>Which signals a search ranks by.</summary>
public enum SearchMode
{
    /// <summary>Keyword (BM25) and embedding similarity, fused into one ranking.</summary>
    Hybrid = 0,

    /// <summary>Keyword ranking (BM25) only: every hit shares at least one word stem with the query.</summary>
    Keyword = 1,

    /// <summary>Cosine similarity of embeddings only.</summary>
    Vector = 2,
}
