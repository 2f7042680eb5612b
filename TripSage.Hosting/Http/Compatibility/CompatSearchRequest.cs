using System.Text.Json;
using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>The body of <c>POST /memory/search</c>, as TripSage's <c>MemorySearchRequest</c>.</summary>
/// <param name="Query">What to look for.</param>
/// <param name="Limit">How many memories at most (default 5, as in TripSage).</param>
/// <param name="Filters"><c>category</c>, <c>session_id</c>, and any other key as a tag that must match; string values only.</param>
/// <param name="SimilarityThreshold">Least embedding similarity of a hit found by its embedding, 0 to 1 (default 0.3, as in TripSage).</param>
internal sealed record CompatSearchRequest(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("limit")] int Limit = 5,
    [property: JsonPropertyName("filters")] IReadOnlyDictionary<string, JsonElement>? Filters = null,
    [property: JsonPropertyName("similarity_threshold")] double SimilarityThreshold = 0.3);
