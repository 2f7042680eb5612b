using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>The answer of <c>GET /memory/stats</c>: the grid's stats in TripSage's snake_case.</summary>
internal sealed record CompatStatsResponse(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("total_memories")] int TotalMemories,
    [property: JsonPropertyName("memories_by_category")] IReadOnlyDictionary<string, int> MemoriesByCategory,
    [property: JsonPropertyName("preferences_count")] int PreferencesCount,
    [property: JsonPropertyName("text_bytes")] long TextBytes,
    [property: JsonPropertyName("oldest_memory_at")] DateTimeOffset? OldestMemoryAt,
    [property: JsonPropertyName("newest_memory_at")] DateTimeOffset? NewestMemoryAt);
