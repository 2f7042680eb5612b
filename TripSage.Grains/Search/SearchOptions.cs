namespace TripSage.Memory.Grains.Search;

/// <summary>
/// How a user's memories are ranked (configuration section <c>TripSage:Search</c>). The defaults were
/// chosen once on the LoCoMo benchmark for all conversations together (<c>docs/benchmarks/search.md</c>);
/// nothing is tuned per user or per conversation.
/// </summary>
public sealed class SearchOptions
{
    public const string SectionName = "TripSage:Search";

    /// <summary>How hybrid search fuses the two rankings. Default <see cref="FusionMethod.Weighted"/>.</summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.Weighted;

    /// <summary>Weight of the keyword (BM25) signal in hybrid search. Default 0.6.</summary>
    public double KeywordWeight { get; set; } = 0.6;

    /// <summary>Weight of the embedding signal in hybrid search. Default 0.4.</summary>
    public double VectorWeight { get; set; } = 0.4;

    /// <summary>
    /// The k of reciprocal-rank fusion: how slowly a signal's contribution falls with rank. Default 60,
    /// the value of the original paper, which is robust across collections.
    /// </summary>
    public int ReciprocalRankK { get; set; } = 60;

    /// <summary>How many of the best hits of each signal enter the fusion. Default 100.</summary>
    public int CandidatesPerSignal { get; set; } = 100;

    /// <summary>
    /// Lowest cosine similarity at which the embedding signal counts a memory as a match at all. Below
    /// it, all-MiniLM-L6-v2 similarities are topic noise; without a floor every memory would match every
    /// query. Default 0.3.
    /// </summary>
    public double MinVectorSimilarity { get; set; } = 0.3;

    /// <summary>
    /// Share of the best hybrid score of a memory's neighbours in its conversation session (the memory
    /// stored just before or after it) added to its own score: in a conversation the answer is often
    /// the turn next to the one that matches the words of the question. 0 turns it off. Default 0.3.
    /// </summary>
    public double SessionNeighbourWeight { get; set; } = 0.3;

    /// <summary>
    /// How much a brand-new memory's score is raised when a query asks for recency: the score is
    /// multiplied by <c>1 + RecencyWeight * 2^(-age / half-life)</c>. Default 0.5.
    /// </summary>
    public double RecencyWeight { get; set; } = 0.5;
}
