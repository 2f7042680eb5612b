namespace TripSage.Memory;

/// <summary>A change to a memory; members left <see langword="null"/> stay as they are.</summary>
/// <param name="Text">New text.</param>
/// <param name="Category">New category; an empty string removes it.</param>
/// <param name="Tags">New tags, replacing all previous tags.</param>
/// <param name="ExpiresAt">New expiry.</param>
/// <param name="Embedding">New caller-supplied embedding; when only the text changes the grid embeds the new text.</param>
/// <param name="EmbeddingModel">The model <paramref name="Embedding"/> was made with.</param>
[GenerateSerializer, Immutable]
public sealed record MemoryUpdate(
    [property: Id(0)] string? Text = null,
    [property: Id(1)] string? Category = null,
    [property: Id(2)] IReadOnlyDictionary<string, string>? Tags = null,
    [property: Id(3)] DateTimeOffset? ExpiresAt = null,
    [property: Id(4)] float[]? Embedding = null,
    [property: Id(5)] string? EmbeddingModel = null);
