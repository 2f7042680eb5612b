namespace TripSage.Memory;

/// <summary>A memory to store.</summary>
/// <param name="Text">What to remember, as the user said it. Stored as given, in Unicode NFC; no word is ever changed.</param>
/// <param name="Category">Optional category such as <c>preference</c> or <c>trip</c> (lower-case letters, digits, '-', '_').</param>
/// <param name="Tags">Optional key/value tags used as filters.</param>
/// <param name="Source">Optional free-form origin, such as the agent or channel that produced it.</param>
/// <param name="SessionId">Optional conversation session the memory came from.</param>
/// <param name="ExpiresAt">Optional moment after which the memory is deleted.</param>
/// <param name="Embedding">Optional caller-supplied embedding vector; without one the grid embeds the text with its model.</param>
/// <param name="EmbeddingModel">The model <paramref name="Embedding"/> was made with; queries must use the same model.</param>
[GenerateSerializer, Immutable]
public sealed record NewMemory(
    [property: Id(0)] string Text,
    [property: Id(1)] string? Category = null,
    [property: Id(2)] IReadOnlyDictionary<string, string>? Tags = null,
    [property: Id(3)] string? Source = null,
    [property: Id(4)] string? SessionId = null,
    [property: Id(5)] DateTimeOffset? ExpiresAt = null,
    [property: Id(6)] float[]? Embedding = null,
    [property: Id(7)] string? EmbeddingModel = null);
