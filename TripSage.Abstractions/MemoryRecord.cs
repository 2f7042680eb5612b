namespace TripSage.Memory;

/// <summary>A stored memory.</summary>
[GenerateSerializer, Immutable]
public sealed record MemoryRecord
{
    /// <summary>The memory's id, unique within its user.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The text exactly as stored.</summary>
    [Id(1)] public required string Text { get; init; }

    /// <summary>The category, if any.</summary>
    [Id(2)] public string? Category { get; init; }

    /// <summary>Key/value tags.</summary>
    [Id(3)] public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Free-form origin.</summary>
    [Id(4)] public string? Source { get; init; }

    /// <summary>The conversation session it came from.</summary>
    [Id(5)] public string? SessionId { get; init; }

    /// <summary>The speaker's role when it came from a conversation.</summary>
    [Id(6)] public string? Role { get; init; }

    /// <summary>When it was first stored.</summary>
    [Id(7)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it will be deleted, if ever.</summary>
    [Id(9)] public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>1 when stored, incremented by every update.</summary>
    [Id(10)] public int Version { get; init; } = 1;

    /// <summary>Earlier versions, oldest first (bounded by the grain's options).</summary>
    [Id(11)] public IReadOnlyList<MemoryVersion> PreviousVersions { get; init; } = [];

    /// <summary>
    /// A full-precision embedding as supplied by a caller or an older export. The grain stores
    /// <see cref="QuantizedEmbedding"/> instead and leaves this empty on the memories it holds.
    /// </summary>
    [Id(12)] public float[]? Embedding { get; init; }

    /// <summary>The model the embedding was made with (<c>caller-supplied</c> when the caller did not name one).</summary>
    [Id(13)] public string? EmbeddingModel { get; init; }

    /// <summary>The embedding as stored: 8-bit quantized, unit length.</summary>
    [Id(14)] public QuantizedEmbedding? QuantizedEmbedding { get; init; }

    /// <summary>
    /// Ids of the content rules the text matched when it was last written (such as
    /// <c>prompt-injection</c> or <c>invisible-characters</c>); empty when none did.
    /// </summary>
    [Id(15)] public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>
    /// Held but never served to a prompt: left out of search and context until an admin releases it.
    /// Get, list and export still show it, so the user can see and erase what is held.
    /// </summary>
    [Id(16)] public bool Quarantined { get; init; }
}
