using System.Runtime.InteropServices;

namespace TripSage.Memory.Grains.Search;

/// <summary>
/// An in-memory BM25 index over one user's memories. Adding or removing a memory touches only
/// that memory's postings, so the index never needs a rebuild while the grain is active.
/// </summary>
/// <remarks>
/// Packed for density, since a silo holds this for every active user: a memory is a slot (an index
/// into flat arrays of ids, texts and lengths), and a term's postings are one growable array of
/// (slot, frequency) pairs held in the term dictionary's value, not a dictionary per term. No memory
/// keeps its own term list: removing a memory analyzes its text again (the text is the memory's own
/// string, referenced, not copied), which is rarer than holding those lists for every memory. Term
/// strings come from <see cref="TermPool"/>, so a word is held once in the silo, not once per user.
/// </remarks>
internal sealed class KeywordIndex
{
    // Standard BM25 parameters (Robertson et al.): term-frequency saturation and length normalization.
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Posting> _postings = new(StringComparer.Ordinal);
    private readonly Stack<int> _free = new();
    private string?[] _ids = [];
    private string?[] _texts = [];
    private int[] _lengths = [];
    private int _used;
    private long _totalLength;

    public int Count => _slots.Count;

    public void Add(string id, string text)
    {
        Remove(id);
        var terms = TextAnalyzer.Terms(text);
        var slot = Allocate();
        _ids[slot] = id;
        _texts[slot] = text;
        _lengths[slot] = terms.Count;
        _slots[id] = slot;
        _totalLength += terms.Count;

        // Ordinal order groups equal terms, so each run is one term and its length the term's frequency.
        terms.Sort(StringComparer.Ordinal);
        for (var start = 0; start < terms.Count;)
        {
            var end = start + 1;
            while (end < terms.Count && string.Equals(terms[end], terms[start], StringComparison.Ordinal))
            {
                end++;
            }

            ref var posting = ref CollectionsMarshal.GetValueRefOrAddDefault(_postings, TermPool.Canonical(terms[start]), out _);
            posting.Append(slot, end - start);
            start = end;
        }
    }

    public void Remove(string id)
    {
        if (!_slots.Remove(id, out var slot))
        {
            return;
        }

        foreach (var term in TextAnalyzer.Terms(_texts[slot]!).Distinct(StringComparer.Ordinal))
        {
            ref var posting = ref CollectionsMarshal.GetValueRefOrNullRef(_postings, term);
            posting.RemoveSlot(slot);
            if (posting.Count == 0)
            {
                _postings.Remove(term);
            }
        }

        _totalLength -= _lengths[slot];
        _ids[slot] = null;
        _texts[slot] = null;
        _lengths[slot] = 0;
        _free.Push(slot);
    }

    public void Clear()
    {
        _slots.Clear();
        _postings.Clear();
        _free.Clear();
        _ids = [];
        _texts = [];
        _lengths = [];
        _used = 0;
        _totalLength = 0;
    }

    /// <summary>BM25 score of every memory that shares at least one term with the query.</summary>
    public Dictionary<string, double> Score(string query)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var count = _slots.Count;
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
            for (var i = 0; i < posting.Count; i++)
            {
                var (slot, frequency) = posting[i];
                var length = _lengths[slot];
                var weight = idf * (frequency * (K1 + 1)) / (frequency + (K1 * (1 - B + (B * length / averageLength))));
                ref var score = ref CollectionsMarshal.GetValueRefOrAddDefault(scores, _ids[slot]!, out _);
                score += weight;
            }
        }

        return scores;
    }

    private int Allocate()
    {
        var slot = _free.Count > 0 ? _free.Pop() : _used++;
        if (slot >= _ids.Length)
        {
            var capacity = Math.Max(4, _ids.Length * 2);
            Array.Resize(ref _ids, capacity);
            Array.Resize(ref _texts, capacity);
            Array.Resize(ref _lengths, capacity);
        }

        return slot;
    }

    /// <summary>One term's postings: (slot, frequency) pairs packed in one array that grows by doubling.</summary>
    private struct Posting
    {
        private int[]? _pairs;

        public int Count { get; private set; }

        public readonly (int Slot, int Frequency) this[int index] => (_pairs![2 * index], _pairs[(2 * index) + 1]);

        public void Append(int slot, int frequency)
        {
            if (_pairs is null || _pairs.Length == 2 * Count)
            {
                Array.Resize(ref _pairs, Math.Max(2, _pairs?.Length * 2 ?? 0));
            }

            _pairs[2 * Count] = slot;
            _pairs[(2 * Count) + 1] = frequency;
            Count++;
        }

        // Order within a posting does not matter: a memory's score sums its terms in query order.
        public void RemoveSlot(int slot)
        {
            for (var i = 0; i < Count; i++)
            {
                if (_pairs![2 * i] == slot)
                {
                    Count--;
                    _pairs[2 * i] = _pairs[2 * Count];
                    _pairs[(2 * i) + 1] = _pairs[(2 * Count) + 1];
                    return;
                }
            }
        }
    }
}
