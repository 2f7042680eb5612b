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
/// <param name="IdempotencyKey">
/// Optional key that makes a retry of this item safe: a later remember of the same user with the same
/// key stores nothing and answers with the first one's outcome (<see cref="RememberStatus.Stored"/> and
/// its memory id), even if the memory was changed or forgotten since. The user's grain keeps the keys
/// of stored items with its state (<c>TripSage:Memory:MaxIdempotencyKeys</c> and
/// <c>IdempotencyKeyLifetime</c> bound how many and how long). 1 to 128 characters: letters, digits,
/// '.', '_', ':' and '-', starting with a letter or digit. The .NET client sets a new one on every item
/// that has none.
/// </param>
[GenerateSerializer, Immutable]
public sealed record NewMemory(
    [property: Id(0)] string Text,
    [property: Id(1)] string? Category = null,
    [property: Id(2)] IReadOnlyDictionary<string, string>? Tags = null,
    [property: Id(3)] string? Source = null,
    [property: Id(4)] string? SessionId = null,
    [property: Id(5)] DateTimeOffset? ExpiresAt = null,
    [property: Id(6)] float[]? Embedding = null,
    [property: Id(7)] string? EmbeddingModel = null,
    [property: Id(8)] string? IdempotencyKey = null);
