namespace TripSage.Memory.Grains.Search;

/// <summary>A query's embedding, quantized like the memories', and the model it was made with (public with <see cref="UserSearchIndex"/>).</summary>
/// <param name="Embedding">The quantized query vector.</param>
/// <param name="Model">The model that embedded the query; only memories embedded by it are compared.</param>
public sealed record QueryVector(QuantizedEmbedding Embedding, string Model);
