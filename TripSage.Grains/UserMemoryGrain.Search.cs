namespace TripSage.Memory.Grains;

/// <summary>Hybrid search and re-embedding: the user grain's side of <see cref="Embeddings.MemorySearch"/>.</summary>
internal sealed partial class UserMemoryGrain
{
    /// <summary>
    /// The query is embedded (by the embedding worker, unless the caller supplied the vector) before the
    /// index is read; the method is read-only, so concurrent searches of one user interleave on that await.
    /// Expired and quarantined memories never match, whatever the signal.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query)
    {
        validate.Search(query);
        var vector = await search.QueryVectorAsync(query);
        var now = time.GetUtcNow();
        return _index.Search(
            query,
            vector,
            Data.Memories,
            m => IsLive(m, now)
                && !m.Quarantined
                && Matches(m, query.Category, query.Tags)
                && (query.SessionId is null || m.SessionId == query.SessionId)
                && (query.From is null || m.CreatedAt >= query.From)
                && (query.To is null || m.CreatedAt < query.To),
            now);
    }

    public async Task<ReembedResult> ReembedAsync(int maxMemories)
    {
        validate.Reembed(maxMemories, search.MaxReembedBatch);
        var model = search.CurrentModel
            ?? throw new InvalidOperationException("This grid runs no embedding model (TripSage:Embedding:Provider is None), so there is nothing to re-embed with.");
        var stale = Data.Memories.Values
            .Where(m => m.QuantizedEmbedding is null || !string.Equals(m.EmbeddingModel, model, StringComparison.Ordinal))
            .OrderBy(m => m.CreatedAt)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToList();
        var batch = stale.Take(maxMemories).ToList();
        if (batch.Count > 0)
        {
            // A new embedding is not a new version of what the user said: version and history stay as they are.
            var embedded = await search.ReembedAsync(batch);
            embedded.ForEach(Put);
            _call?.Touch(embedded.Select(m => m.Id));
            await PersistAsync();
        }

        return new ReembedResult(batch.Count, stale.Count - batch.Count, model);
    }
}
