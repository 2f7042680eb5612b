using Microsoft.Extensions.AI;
using TripSage.Memory.Grains.Embeddings;

namespace TripSage.Memory.Tests.Unit.Search;

public sealed class GeneratorTextEmbedderTests
{
    [Fact]
    public async Task EmbedAsync_HostGenerator_ReturnsItsVectorsUnderTheConfiguredModel()
    {
        var embedder = new GeneratorTextEmbedder(new LengthGenerator(), new EmbeddingOptions { Provider = EmbeddingProvider.Generator, Model = "length-v1" });

        var vectors = await embedder.EmbedAsync(["ab", "abcd"], CancellationToken.None);

        Assert.Equal("length-v1", embedder.Model);
        Assert.Equal([[2f, 1f], [4f, 1f]], vectors);
    }

    [Fact]
    public void Model_NotConfigured_IsTheOneTheGeneratorReports() =>
        Assert.Equal("length-default", new GeneratorTextEmbedder(new LengthGenerator(), new EmbeddingOptions()).Model);

    /// <summary>A stand-in for a remote model: the vector of a text is its length and 1.</summary>
    private sealed class LengthGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(new float[] { v.Length, 1 }))));

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("length", defaultModelId: "length-default") : null;

        public void Dispose()
        {
        }
    }
}
