using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>The answer of <c>PUT /memory/preferences</c>: every preference the user now has.</summary>
internal sealed record CompatPreferencesResponse(
    [property: JsonPropertyName("preferences")] IReadOnlyDictionary<string, string> Preferences);
