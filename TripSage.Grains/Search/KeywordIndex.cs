namespace TripSage.Memory.Grains.Search;

/// <summary>
/// An in-memory BM25 index over one user's memories. Adding or removing a memory touches only
/// that memory's postings, so the index never needs a rebuild while the grain is active.
/// </summary>
internal sealed class KeywordIndex
{
    // Standard BM25 parameters (Robertson et al.): term-frequency saturation and length normalization.
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Dictionary<string, Dictionary<string, int>> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _documentTerms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _documentLengths = new(StringComparer.Ordinal);
    private long _totalLength;

    public int Count => _documentLengths.Count;

    public void Add(string id, string text)
    {
        Remove(id);
        var tokens = TextAnalyzer.Terms(text);
        var frequencies = tokens.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        // Every memory's term list points at the one string instance the postings are keyed by, so a
        // word used by thousands of memories is held once, not once per memory.
        var postings = _postings.GetAlternateLookup<ReadOnlySpan<char>>();
        var terms = new string[frequencies.Count];
        var next = 0;
        foreach (var (term, frequency) in frequencies)
        {
            if (!postings.TryGetValue(term, out var canonical, out var posting))
            {
                posting = new Dictionary<string, int>(StringComparer.Ordinal);
                _postings[term] = posting;
                canonical = term;
            }

            posting[id] = frequency;
            terms[next++] = canonical;
        }

        _documentTerms[id] = terms;
        _documentLengths[id] = tokens.Count;
        _totalLength += tokens.Count;
    }

    public void Remove(string id)
    {
        if (!_documentTerms.Remove(id, out var terms))
        {
            return;
        }

        foreach (var term in terms)
        {
            var posting = _postings[term];
            posting.Remove(id);
            if (posting.Count == 0)
            {
                _postings.Remove(term);
            }
        }

        _totalLength -= _documentLengths[id];
        _documentLengths.Remove(id);
    }

    public void Clear()
    {
        _postings.Clear();
        _documentTerms.Clear();
        _documentLengths.Clear();
        _totalLength = 0;
    }

    /// <summary>BM25 score of every memory that shares at least one term with the query.</summary>
    public Dictionary<string, double> Score(string query)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var count = _documentLengths.Count;
        if (count == 0)
        {
            return scores;
        }

        var averageLength = Math.Max(1.0, (double)_totalLength / count);
        foreach (var term in TextAnalyzer.Terms(query).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(term, out var posting))
            {
                continue;
            }

            var idf = Math.Log(1 + ((count - posting.Count + 0.5) / (posting.Count + 0.5)));
            foreach (var (id, frequency) in posting)
            {
                var length = _documentLengths[id];
                var weight = idf * (frequency * (K1 + 1)) / (frequency + (K1 * (1 - B + (B * length / averageLength))));
                scores[id] = scores.GetValueOrDefault(id) + weight;
            }
        }

        return scores;
    }
}
