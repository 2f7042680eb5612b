using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>One hit of <c>POST /memory/search</c>, as TripSage's <c>MemorySearchResult</c>.</summary>
internal sealed record CompatSearchResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("memory")] string Memory,
    [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string> Metadata,
    [property: JsonPropertyName("categories")] IReadOnlyList<string> Categories,
    [property: JsonPropertyName("similarity")] double Similarity,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("user_id")] string UserId);
