namespace TripSage.Memory.Grains.Embeddings;

/// <summary>How memories and queries are embedded (configuration section <c>TripSage:Embedding</c>).</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "TripSage:Embedding";

    /// <summary>Where embeddings come from. Default <see cref="EmbeddingProvider.MiniLM"/>.</summary>
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.MiniLM;

    /// <summary>
    /// The model name recorded on every memory embedded by a <see cref="EmbeddingProvider.Generator"/>
    /// (required there unless the generator reports one). A query embedded with another model is refused,
    /// so change it only together with a re-embed. Ignored for MiniLM, whose name is <c>all-MiniLM-L6-v2</c>.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>Most texts sent to the model in one call. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Most memories one re-embed call handles, so that it ends well within a call timeout. Default 500.</summary>
    public int MaxReembedBatch { get; set; } = 500;
}
