using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>The answer of <c>POST /memory/preference</c>: the preference as stored.</summary>
internal sealed record CompatPreferenceResponse(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("category")] string Category);
