using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Embeddings;

/// <summary>
/// Rejects an embedding configuration that cannot work, naming the option: a generator provider
/// without a registered generator or a model name, or a model whose dimensions differ from
/// <c>TripSage:Memory:EmbeddingDimensions</c>.
/// </summary>
internal sealed class EmbeddingOptionsValidator(IServiceProvider services, IOptions<MemoryOptions> memory) : IValidateOptions<EmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        var failures = new List<string>();
        var section = EmbeddingOptions.SectionName;
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{section}:Provider is {options.Provider}; it must be {string.Join(", ", Enum.GetNames<EmbeddingProvider>())}.");
        }

        if (options.BatchSize < 1)
        {
            failures.Add($"{section}:BatchSize is {options.BatchSize}; it must be at least 1.");
        }

        if (options.MaxReembedBatch < 1)
        {
            failures.Add($"{section}:MaxReembedBatch is {options.MaxReembedBatch}; it must be at least 1.");
        }

        if (options.Provider == EmbeddingProvider.MiniLM && memory.Value.EmbeddingDimensions != MiniLmTextEmbedder.Dimensions)
        {
            failures.Add($"{section}:Provider is MiniLM, whose embeddings have {MiniLmTextEmbedder.Dimensions} dimensions, but {MemoryOptions.SectionName}:EmbeddingDimensions is {memory.Value.EmbeddingDimensions}; set it to {MiniLmTextEmbedder.Dimensions} or choose another provider.");
        }

        if (options.Provider == EmbeddingProvider.Generator)
        {
            var generator = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
            if (generator is null)
            {
                failures.Add($"{section}:Provider is Generator but the host registered no IEmbeddingGenerator<string, Embedding<float>>; register one or set Provider to MiniLM.");
            }
            else if (string.IsNullOrWhiteSpace(GeneratorTextEmbedder.ModelOf(generator, options)))
            {
                failures.Add($"{section}:Model is not set and the registered embedding generator names no default model; set {section}:Model to the model's name.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
