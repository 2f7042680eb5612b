using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>One of the grid's key/value preferences in a TripSage context's <c>preferences</c> list.</summary>
internal sealed record CompatPreference(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("value")] string Value);
