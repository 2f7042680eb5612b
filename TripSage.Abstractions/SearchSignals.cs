namespace TripSage.Memory;

/// <summary>The signals that placed a hit in the results.</summary>
[Flags]
public enum SearchSignals
{
    /// <summary>No signal (never on a returned hit).</summary>
    None = 0,

    /// <summary>The memory shares word stems with the query (BM25).</summary>
    Keyword = 1,

    /// <summary>The memory's embedding is among the most similar to the query's.</summary>
    Vector = 2,

    /// <summary>The score includes the recency boost the query asked for.</summary>
    Recency = 4,

    /// <summary>
    /// The score includes part of the score of a neighbouring memory of the same conversation session
    /// (the turn before or after), which often holds the context that makes this one the answer.
    /// </summary>
    Session = 8,
}
