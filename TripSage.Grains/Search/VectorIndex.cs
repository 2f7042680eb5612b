namespace TripSage.Memory.Grains.Search;

/// <summary>
/// The embeddings of one user's memories, searched exhaustively: at the sizes one user holds
/// (up to 100,000 memories) a SIMD scan of 8-bit codes is faster than maintaining an approximate
/// graph, is exact, and adding or removing a memory is O(1). The index points at the embeddings
/// the memories already hold; it copies nothing.
/// </summary>
internal sealed class VectorIndex
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Stack<int> _free = new();

    // Each model name is held once however many memories use it; a slot refers to it by reference.
    private readonly Dictionary<string, int> _modelCounts = new(StringComparer.Ordinal);
    private MemoryRecord?[] _memories = [];
    private QuantizedEmbedding?[] _embeddings = [];
    private string?[] _models = [];
    private int _used;

    public int Count => _slots.Count;

    /// <summary>The models the indexed embeddings were made with.</summary>
    public IReadOnlyCollection<string> Models => _modelCounts.Keys;

    public void Add(MemoryRecord memory, QuantizedEmbedding embedding, string model)
    {
        Remove(memory.Id);
        var slot = _free.Count > 0 ? _free.Pop() : _used++;
        if (slot >= _memories.Length)
        {
            var capacity = Math.Max(4, _memories.Length * 2);
            Array.Resize(ref _memories, capacity);
            Array.Resize(ref _embeddings, capacity);
            Array.Resize(ref _models, capacity);
        }

        _slots[memory.Id] = slot;
        _memories[slot] = memory;
        _embeddings[slot] = embedding;
        _models[slot] = CanonicalModel(model);
    }

    public void Remove(string memoryId)
    {
        if (!_slots.Remove(memoryId, out var slot))
        {
            return;
        }

        var model = _models[slot]!;
        if (--_modelCounts[model] == 0)
        {
            _modelCounts.Remove(model);
        }

        _memories[slot] = null;
        _embeddings[slot] = null;
        _models[slot] = null;
        _free.Push(slot);
    }

    public void Clear()
    {
        _slots.Clear();
        _free.Clear();
        _modelCounts.Clear();
        _memories = [];
        _embeddings = [];
        _models = [];
        _used = 0;
    }

    /// <summary>
    /// The <paramref name="limit"/> memories most similar to the query among those embedded with the
    /// query's model, at or above <paramref name="minSimilarity"/> and accepted by <paramref name="include"/>,
    /// most similar first. The filter runs only on memories that would enter the top list.
    /// </summary>
    public List<(MemoryRecord Memory, float Similarity)> Nearest(QueryVector query, int limit, double minSimilarity, Func<MemoryRecord, bool> include)
    {
        var best = new PriorityQueue<MemoryRecord, float>(limit + 1);
        var model = _modelCounts.Keys.FirstOrDefault(known => string.Equals(known, query.Model, StringComparison.Ordinal));
        if (model is null)
        {
            return [];
        }

        var codes = query.Embedding.Codes;
        var scale = query.Embedding.Scale;
        for (var slot = 0; slot < _used; slot++)
        {
            var embedding = _embeddings[slot];
            if (embedding is null || embedding.Codes.Length != codes.Length || !ReferenceEquals(_models[slot], model))
            {
                continue;
            }

            var similarity = EmbeddingQuantizer.Dot(codes, embedding.Codes) * scale * embedding.Scale;
            if (similarity < minSimilarity || (best.Count == limit && best.TryPeek(out _, out var worst) && similarity <= worst))
            {
                continue;
            }

            var memory = _memories[slot]!;
            if (!include(memory))
            {
                continue;
            }

            best.Enqueue(memory, similarity);
            if (best.Count > limit)
            {
                best.Dequeue();
            }
        }

        var nearest = new List<(MemoryRecord, float)>(best.Count);
        while (best.TryDequeue(out var memory, out var similarity))
        {
            nearest.Add((memory, similarity));
        }

        nearest.Reverse();
        return nearest;
    }

    private string CanonicalModel(string model)
    {
        foreach (var known in _modelCounts.Keys)
        {
            if (string.Equals(known, model, StringComparison.Ordinal))
            {
                _modelCounts[known]++;
                return known;
            }
        }

        _modelCounts[model] = 1;
        return model;
    }
}
