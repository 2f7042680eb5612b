namespace TripSage.Memory.Grains;

/// <summary>
/// Limits on what one user's memory accepts (configuration section <c>TripSage:Memory</c>).
/// Every limit is enforced before anything changes; a violation names the field and the limit.
/// </summary>
public sealed class MemoryOptions
{
    public const string SectionName = "TripSage:Memory";

    /// <summary>Longest memory text, in UTF-8 bytes. Default 8192 (8 KB).</summary>
    public int MaxTextBytes { get; set; } = 8192;

    /// <summary>Most items in one remember call. Default 100.</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>Most messages in one add-conversation call. Default 500.</summary>
    public int MaxConversationMessages { get; set; } = 500;

    /// <summary>Most memories one user holds. Default 100,000.</summary>
    public int MaxMemoriesPerUser { get; set; } = 100_000;

    /// <summary>Longest category, in characters. Default 64.</summary>
    public int MaxCategoryLength { get; set; } = 64;

    /// <summary>Most tags on one memory. Default 16.</summary>
    public int MaxTagsPerMemory { get; set; } = 16;

    /// <summary>Longest tag key, in characters. Default 64.</summary>
    public int MaxTagKeyLength { get; set; } = 64;

    /// <summary>Longest tag value, in characters. Default 256.</summary>
    public int MaxTagValueLength { get; set; } = 256;

    /// <summary>Longest source, session id or memory id, in characters. Default 128.</summary>
    public int MaxIdentifierLength { get; set; } = 128;

    /// <summary>Number of dimensions a caller-supplied embedding must have. Default 384 (all-MiniLM-L6-v2).</summary>
    public int EmbeddingDimensions { get; set; } = 384;

    /// <summary>Previous versions kept per memory; the oldest is dropped beyond this. Default 10.</summary>
    public int MaxVersionsKept { get; set; } = 10;

    /// <summary>Longest search query, in UTF-8 bytes. Default 1024.</summary>
    public int MaxQueryBytes { get; set; } = 1024;

    /// <summary>Most hits one search returns. Default 100.</summary>
    public int MaxSearchResults { get; set; } = 100;

    /// <summary>Most memories on one listed page. Default 500.</summary>
    public int MaxPageSize { get; set; } = 500;

    /// <summary>Most ids in one forget call. Default 1000.</summary>
    public int MaxForgetBatch { get; set; } = 1000;

    /// <summary>Most memories per category in a context. Default 50.</summary>
    public int MaxContextPerCategory { get; set; } = 50;

    /// <summary>Most preferences one user holds. Default 200.</summary>
    public int MaxPreferences { get; set; } = 200;

    /// <summary>Longest preference value, in UTF-8 bytes. Default 1024.</summary>
    public int MaxPreferenceValueBytes { get; set; } = 1024;

    /// <summary>
    /// Most idempotency keys of remembered memories kept per user (with the state, so they survive
    /// deactivation and restarts); beyond this the oldest is dropped. Default 256: far more than one
    /// user's writes during a client's retries, small enough to add little to each snapshot.
    /// </summary>
    public int MaxIdempotencyKeys { get; set; } = 256;

    /// <summary>How long an idempotency key is kept after its remember. Default 1 hour.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(1);
}
