namespace TripSage.Memory.Grains.Search;

/// <summary>How hybrid search combines the keyword and the embedding ranking.</summary>
public enum FusionMethod
{
    /// <summary>
    /// Reciprocal-rank fusion (Cormack et al., 2009): each signal adds <c>weight / (k + rank)</c>.
    /// Uses only ranks, so it needs no calibration between BM25 scores and cosine similarities.
    /// </summary>
    ReciprocalRank = 0,

    /// <summary>
    /// Convex combination of min-max normalized scores: <c>wk * bm25' + wv * cosine'</c>. Keeps how far
    /// ahead a hit is within each signal, which ranks alone throw away.
    /// </summary>
    Weighted = 1,
}
