using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Embeddings;

namespace TripSage.Memory.Grains.Search;

/// <summary>
/// The search side of a user's memory, shared by every user grain of a silo: creates a user's index
/// and gives memories and queries their embeddings — caller-supplied vectors are quantized, the others
/// are embedded by <see cref="IEmbeddingGrain"/>, so the model runs on a stateless worker, never on the
/// user grain's turn.
/// </summary>
/// <param name="grains">Reaches the embedding worker.</param>
/// <param name="search">Ranking settings for new indexes.</param>
/// <param name="embedding">Embedding settings (batch sizes).</param>
/// <param name="model">The model the grid embeds with, or <see langword="null"/> when it has none; chosen where the services are registered.</param>
internal sealed class MemorySearch(IGrainFactory grains, IOptions<SearchOptions> search, IOptions<EmbeddingOptions> embedding, ITextEmbedder? model)
{
    private readonly EmbeddingOptions _embedding = embedding.Value;

    /// <summary>The model the grid embeds with, or <see langword="null"/> when it has none (only caller-supplied vectors).</summary>
    public string? CurrentModel => model?.Model;

    /// <summary>Most memories one re-embed call handles.</summary>
    public int MaxReembedBatch => _embedding.MaxReembedBatch;

    public UserSearchIndex NewIndex() => new(search.Value);

    /// <summary>
    /// The memories as they are to be stored: a caller-supplied vector quantized under the caller's model
    /// name, a memory already quantized (an import) kept, every other memory embedded with the grid's model.
    /// </summary>
    public async Task<List<MemoryRecord>> EmbedAsync(List<MemoryRecord> memories)
    {
        var stored = memories.Select(Quantized).ToList();
        var missing = Enumerable.Range(0, stored.Count).Where(i => stored[i].QuantizedEmbedding is null).ToList();
        if (CurrentModel is null || missing.Count == 0)
        {
            return stored;
        }

        var embedded = await EmbedWithModelAsync(missing.Select(i => stored[i]).ToList());
        for (var i = 0; i < missing.Count; i++)
        {
            stored[missing[i]] = embedded[i];
        }

        return stored;
    }

    /// <summary>
    /// The updated memory with the right embedding: the caller's new vector, a new embedding when the
    /// text changed, else the one it had.
    /// </summary>
    public async Task<MemoryRecord> EmbedUpdateAsync(MemoryRecord current, MemoryRecord updated, MemoryUpdate update)
    {
        if (update.Embedding is not null)
        {
            return Quantized(updated with { Embedding = update.Embedding, EmbeddingModel = update.EmbeddingModel });
        }

        if (string.Equals(current.Text, updated.Text, StringComparison.Ordinal))
        {
            return updated;
        }

        var unembedded = updated with { Embedding = null, QuantizedEmbedding = null, EmbeddingModel = null };
        return CurrentModel is null ? unembedded : (await EmbedWithModelAsync([unembedded]))[0];
    }

    /// <summary>Embeds the memories again with the grid's model, replacing whatever embedding they had.</summary>
    public Task<List<MemoryRecord>> ReembedAsync(List<MemoryRecord> memories) => EmbedWithModelAsync(memories);

    /// <summary>
    /// The query's embedding: the caller's, else the query text embedded with the grid's model;
    /// <see langword="null"/> for keyword searches and for hybrid searches on a grid without a model.
    /// </summary>
    /// <exception cref="MemoryValidationException">A vector search on a grid without a model and without a query embedding.</exception>
    public async Task<QueryVector?> QueryVectorAsync(SearchQuery query)
    {
        if (query.Mode == SearchMode.Keyword)
        {
            return null;
        }

        if (query.QueryEmbedding is { } supplied)
        {
            return new QueryVector(EmbeddingQuantizer.Quantize(supplied), query.QueryEmbeddingModel ?? UserSearchIndex.CallerSuppliedModel);
        }

        if (CurrentModel is null)
        {
            return query.Mode == SearchMode.Vector
                ? throw new MemoryValidationException("query.queryEmbedding", "missing", $"a query embedding: this grid embeds nothing itself ({EmbeddingOptions.SectionName}:Provider is None)")
                : null;
        }

        var batch = await Worker().EmbedAsync([query.Text]);
        return new QueryVector(EmbeddingQuantizer.Quantize(batch.Vectors[0]), batch.Model);
    }

    private static MemoryRecord Quantized(MemoryRecord memory) => memory.Embedding is { } full
        ? memory with { QuantizedEmbedding = EmbeddingQuantizer.Quantize(full), Embedding = null, EmbeddingModel = memory.EmbeddingModel ?? UserSearchIndex.CallerSuppliedModel }
        : memory;

    private async Task<List<MemoryRecord>> EmbedWithModelAsync(List<MemoryRecord> memories)
    {
        var embedded = new List<MemoryRecord>(memories.Count);
        foreach (var chunk in memories.Chunk(_embedding.BatchSize))
        {
            var batch = await Worker().EmbedAsync(chunk.Select(m => m.Text).ToList());
            embedded.AddRange(chunk.Select((memory, i) => memory with
            {
                Embedding = null,
                QuantizedEmbedding = EmbeddingQuantizer.Quantize(batch.Vectors[i]),
                EmbeddingModel = batch.Model,
            }));
        }

        return embedded;
    }

    private IEmbeddingGrain Worker() => grains.GetGrain<IEmbeddingGrain>(0);
}
