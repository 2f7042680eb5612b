namespace TripSage.Memory.Grains.Embeddings;

/// <summary>Embeddings of a batch of texts, in order, and the model that made them.</summary>
[GenerateSerializer, Immutable]
internal sealed record EmbeddingBatch(
    [property: Id(0)] string Model,
    [property: Id(1)] float[][] Vectors);
