namespace TripSage.Memory.Grains.Search;

/// <summary>
/// One user's search index, kept in the user's grain: BM25 over analyzed text and cosine similarity
/// over quantized embeddings, fused into one ranking with filters and an optional recency boost.
/// Adding or removing a memory updates only that memory's entries; nothing is ever rebuilt while
/// the grain is active. Public so the benchmarks can measure ranking and fusion variants on the
/// same index code the grain runs, outside a grain.
/// </summary>
public sealed class UserSearchIndex(SearchOptions options)
{
    /// <summary>The model recorded for a caller-supplied embedding whose model the caller did not name.</summary>
    public const string CallerSuppliedModel = "caller-supplied";

    private readonly KeywordIndex _keywords = new();
    private readonly VectorIndex _vectors = new();
    private readonly SessionTimeline _sessions = new();

    /// <summary>How many memories are indexed.</summary>
    public int Count => _keywords.Count;

    /// <summary>The models the user's embedded memories were made with.</summary>
    public IReadOnlyCollection<string> Models => _vectors.Models;

    /// <summary>Indexes <paramref name="memory"/>, replacing what was indexed under its id.</summary>
    public void Add(MemoryRecord memory)
    {
        _keywords.Add(memory.Id, memory.Text);
        if (StoredEmbedding(memory) is { } embedding)
        {
            _vectors.Add(memory, embedding, memory.EmbeddingModel ?? CallerSuppliedModel);
        }
        else
        {
            _vectors.Remove(memory.Id);
        }

        _sessions.Add(memory);
    }

    /// <summary>Drops a memory from the index.</summary>
    public void Remove(string memoryId)
    {
        _keywords.Remove(memoryId);
        _vectors.Remove(memoryId);
        _sessions.Remove(memoryId);
    }

    /// <summary>Drops every memory from the index.</summary>
    public void Clear()
    {
        _keywords.Clear();
        _vectors.Clear();
        _sessions.Clear();
    }

    /// <summary>
    /// Ranks the memories accepted by <paramref name="include"/> for <paramref name="query"/>. The
    /// embedding signal needs <paramref name="vector"/>; without it hybrid search ranks by keywords.
    /// </summary>
    /// <exception cref="MemoryValidationException">The query was embedded with a model none of the user's memories use.</exception>
    public IReadOnlyList<SearchHit> Search(
        SearchQuery query,
        QueryVector? vector,
        IReadOnlyDictionary<string, MemoryRecord> memories,
        Func<MemoryRecord, bool> include,
        DateTimeOffset now)
    {
        var keyword = query.Mode == SearchMode.Vector ? [] : KeywordCandidates(query, memories, include);
        var nearest = query.Mode == SearchMode.Keyword || vector is null ? [] : VectorCandidates(vector, include);

        var keywordWeight = query.KeywordWeight ?? options.KeywordWeight;
        var vectorWeight = query.VectorWeight ?? options.VectorWeight;
        var fused = new Dictionary<string, Fused>(StringComparer.Ordinal);
        if (query.Mode == SearchMode.Hybrid && options.Fusion == FusionMethod.ReciprocalRank)
        {
            for (var rank = 0; rank < keyword.Count; rank++)
            {
                Entry(fused, keyword[rank].Memory).AddKeyword(keyword[rank].Score, keywordWeight / (options.ReciprocalRankK + rank + 1));
            }

            for (var rank = 0; rank < nearest.Count; rank++)
            {
                Entry(fused, nearest[rank].Memory).AddVector(nearest[rank].Similarity, vectorWeight / (options.ReciprocalRankK + rank + 1));
            }
        }
        else
        {
            // Keyword-only and vector-only searches rank by their raw score; hybrid weighs min-max normalized scores.
            var hybrid = query.Mode == SearchMode.Hybrid;
            var (keywordLow, keywordHigh) = Bounds(keyword.Select(k => k.Score));
            var (vectorLow, vectorHigh) = Bounds(nearest.Select(n => (double)n.Similarity));
            foreach (var (memory, score) in keyword)
            {
                Entry(fused, memory).AddKeyword(score, hybrid ? keywordWeight * Normalize(score, keywordLow, keywordHigh) : score);
            }

            foreach (var (memory, similarity) in nearest)
            {
                Entry(fused, memory).AddVector(similarity, hybrid ? vectorWeight * Normalize(similarity, vectorLow, vectorHigh) : similarity);
            }
        }

        if (query.Mode == SearchMode.Hybrid && options.SessionNeighbourWeight > 0)
        {
            AddSessionNeighbours(fused, include);
        }

        if (query.RecencyHalfLife is { } halfLife)
        {
            foreach (var entry in fused.Values)
            {
                var age = Math.Max(0, (now - entry.Memory.CreatedAt).TotalSeconds);
                entry.Boost(1 + (options.RecencyWeight * Math.Pow(2, -age / halfLife.TotalSeconds)));
            }
        }

        return fused.Values
            .OrderByDescending(f => f.Score)
            .ThenByDescending(f => f.Memory.UpdatedAt)
            .ThenBy(f => f.Memory.Id, StringComparer.Ordinal)
            .Take(query.Top)
            .Select(f => new SearchHit(f.Memory, f.Score, f.Signals, f.KeywordScore, f.VectorSimilarity))
            .ToList();
    }

    /// <summary>
    /// Adds to every matched memory, and to the unmatched neighbours of matched memories, a share of the
    /// best score among its session neighbours — computed from the scores before any were added.
    /// </summary>
    private void AddSessionNeighbours(Dictionary<string, Fused> fused, Func<MemoryRecord, bool> include)
    {
        var matched = fused.Values.Select(f => (f.Memory, f.Score)).ToList();
        var best = new Dictionary<string, (MemoryRecord Memory, double Score)>(StringComparer.Ordinal);
        foreach (var (memory, score) in matched)
        {
            foreach (var neighbour in _sessions.Neighbours(memory.Id))
            {
                if ((!best.TryGetValue(neighbour.Id, out var current) || current.Score < score) && include(neighbour))
                {
                    best[neighbour.Id] = (neighbour, score);
                }
            }
        }

        foreach (var (memory, score) in best.Values)
        {
            Entry(fused, memory).AddSession(options.SessionNeighbourWeight * score);
        }
    }

    /// <summary>The embedding the memory holds, quantized (older snapshots and exports may hold it in full precision).</summary>
    private static QuantizedEmbedding? StoredEmbedding(MemoryRecord memory) =>
        memory.QuantizedEmbedding ?? (memory.Embedding is { } full ? EmbeddingQuantizer.Quantize(full) : null);

    private List<(MemoryRecord Memory, double Score)> KeywordCandidates(SearchQuery query, IReadOnlyDictionary<string, MemoryRecord> memories, Func<MemoryRecord, bool> include) =>
        _keywords.Score(query.Text)
            .Select(s => (Memory: memories[s.Key], Score: s.Value))
            .Where(c => include(c.Memory))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Memory.Id, StringComparer.Ordinal)
            .Take(options.CandidatesPerSignal)
            .ToList();

    private List<(MemoryRecord Memory, float Similarity)> VectorCandidates(QueryVector vector, Func<MemoryRecord, bool> include)
    {
        if (_vectors.Count > 0 && !_vectors.Models.Contains(vector.Model, StringComparer.Ordinal))
        {
            throw new MemoryValidationException(
                "query.queryEmbeddingModel",
                $"the query is embedded with '{vector.Model}'",
                $"'{string.Join("', '", _vectors.Models)}', the model this user's memories are embedded with (after changing the model, run reembed)");
        }

        return _vectors.Nearest(vector, options.CandidatesPerSignal, options.MinVectorSimilarity, include);
    }

    private static (double Low, double High) Bounds(IEnumerable<double> scores)
    {
        var low = double.PositiveInfinity;
        var high = double.NegativeInfinity;
        foreach (var score in scores)
        {
            low = Math.Min(low, score);
            high = Math.Max(high, score);
        }

        return (low, high);
    }

    // A lone candidate, or all candidates equal, count as a full match rather than as zero.
    private static double Normalize(double score, double low, double high) => high > low ? (score - low) / (high - low) : 1;

    private static Fused Entry(Dictionary<string, Fused> fused, MemoryRecord memory)
    {
        if (!fused.TryGetValue(memory.Id, out var entry))
        {
            entry = new Fused(memory);
            fused[memory.Id] = entry;
        }

        return entry;
    }

    private sealed class Fused(MemoryRecord memory)
    {
        public MemoryRecord Memory { get; } = memory;

        public double Score { get; private set; }

        public SearchSignals Signals { get; private set; }

        public double? KeywordScore { get; private set; }

        public double? VectorSimilarity { get; private set; }

        public void AddKeyword(double score, double contribution)
        {
            KeywordScore = score;
            Signals |= SearchSignals.Keyword;
            Score += contribution;
        }

        public void AddVector(double similarity, double contribution)
        {
            VectorSimilarity = similarity;
            Signals |= SearchSignals.Vector;
            Score += contribution;
        }

        public void AddSession(double contribution)
        {
            Signals |= SearchSignals.Session;
            Score += contribution;
        }

        public void Boost(double factor)
        {
            Score *= factor;
            Signals |= SearchSignals.Recency;
        }
    }
}
