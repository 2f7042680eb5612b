using Microsoft.Extensions.AI;

namespace TripSage.Memory.Grains.Embeddings;

/// <summary>Any Microsoft.Extensions.AI embedding generator the host registered (OpenAI, Ollama, Azure, ...).</summary>
internal sealed class GeneratorTextEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, EmbeddingOptions options) : ITextEmbedder
{
    public string Model { get; } = ModelOf(generator, options)
        ?? throw new InvalidOperationException($"{EmbeddingOptions.SectionName}:Model must name the embedding generator's model.");

    /// <summary>The configured model name, else the one the generator reports.</summary>
    public static string? ModelOf(IEmbeddingGenerator<string, Embedding<float>> generator, EmbeddingOptions options) =>
        !string.IsNullOrWhiteSpace(options.Model) ? options.Model : generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        if (embeddings.Count != texts.Count)
        {
            throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} embeddings for {texts.Count} texts.");
        }

        return [.. embeddings.Select(e => e.Vector.ToArray())];
    }
}
