using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Search;

namespace TripSage.Memory.Grains.Embeddings;

/// <summary>Registers hybrid search and the embedding model on a silo.</summary>
internal static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Ranking (<c>TripSage:Search</c>) and embedding (<c>TripSage:Embedding</c>) settings, validated at
    /// start, and the model the embedding worker runs: the local MiniLM by default, or the host's
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.
    /// </summary>
    public static IServiceCollection AddTripSageSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SearchOptions, SearchOptionsValidator>(configuration, SearchOptions.SectionName);
        services.AddValidatedOptions<EmbeddingOptions, EmbeddingOptionsValidator>(configuration, EmbeddingOptions.SectionName);
        services.AddSingleton<ITextEmbedder>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            return options.Provider switch
            {
                EmbeddingProvider.MiniLM => new MiniLmTextEmbedder(),
                EmbeddingProvider.Generator => new GeneratorTextEmbedder(sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), options),
                _ => throw new InvalidOperationException($"{EmbeddingOptions.SectionName}:Provider is {options.Provider}: this grid runs no embedding model."),
            };
        });
        services.AddSingleton(sp => new MemorySearch(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<SearchOptions>>(),
            sp.GetRequiredService<IOptions<EmbeddingOptions>>(),
            sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value.Provider == EmbeddingProvider.None ? null : sp.GetRequiredService<ITextEmbedder>()));
        return services;
    }
}
