namespace TripSage.Memory.Grains.Search;

/// <summary>A query's embedding, quantized like the memories', and the model it was made with.</summary>
internal sealed record QueryVector(QuantizedEmbedding Embedding, string Model);
