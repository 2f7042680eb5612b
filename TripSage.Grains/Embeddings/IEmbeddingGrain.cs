namespace TripSage.Memory.Grains.Embeddings;

/// <summary>
/// Runs the embedding model. A stateless worker: activations on every silo, as many per silo as it
/// has cores, each call answered on the caller's silo — so the model never runs on a user's grain.
/// </summary>
internal interface IEmbeddingGrain : IGrainWithIntegerKey
{
    /// <summary>One embedding per text, in order, with the name of the model that made them.</summary>
    Task<EmbeddingBatch> EmbedAsync(IReadOnlyList<string> texts);
}
