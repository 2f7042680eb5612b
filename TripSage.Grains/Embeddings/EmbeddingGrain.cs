using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace TripSage.Memory.Grains.Embeddings;

/// <summary>
/// The stateless worker that runs the embedding model, so a user's grain never computes an
/// embedding on its own turn. Every vector is checked before it reaches an index: a model that
/// returns another dimension than the grid is configured for is a configuration error, reported as such.
/// </summary>
[StatelessWorker]
internal sealed class EmbeddingGrain(ITextEmbedder embedder, IOptions<MemoryOptions> memory) : Grain, IEmbeddingGrain
{
    public async Task<EmbeddingBatch> EmbedAsync(IReadOnlyList<string> texts)
    {
        var vectors = await embedder.EmbedAsync(texts, CancellationToken.None);
        var dimensions = memory.Value.EmbeddingDimensions;
        foreach (var vector in vectors)
        {
            if (vector.Length != dimensions)
            {
                throw new InvalidOperationException(
                    $"The embedding model '{embedder.Model}' returned {vector.Length} dimensions but {MemoryOptions.SectionName}:EmbeddingDimensions is {dimensions}; set it to the model's dimensions.");
            }

            if (!vector.All(float.IsFinite))
            {
                throw new InvalidOperationException($"The embedding model '{embedder.Model}' returned a vector with NaN or infinity.");
            }
        }

        return new EmbeddingBatch(embedder.Model, vectors);
    }
}
