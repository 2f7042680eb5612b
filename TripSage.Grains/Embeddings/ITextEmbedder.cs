namespace TripSage.Memory.Grains.Embeddings;

/// <summary>A model that turns texts into embeddings; called only from <see cref="EmbeddingGrain"/>.</summary>
internal interface ITextEmbedder
{
    /// <summary>The model's name, recorded on every memory it embeds.</summary>
    string Model { get; }

    /// <summary>One embedding per text, in order.</summary>
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
