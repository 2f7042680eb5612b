using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>The answer of <c>POST /memory/search</c>: <c>{memories, count}</c>.</summary>
internal sealed record CompatSearchResponse(
    [property: JsonPropertyName("memories")] IReadOnlyList<CompatSearchResult> Memories,
    [property: JsonPropertyName("count")] int Count);
