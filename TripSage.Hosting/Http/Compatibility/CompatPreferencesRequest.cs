using System.Text.Json;
using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>The body of <c>PUT /memory/preferences</c>, as TripSage's <c>PreferencesUpdateRequest</c>.</summary>
/// <param name="Preferences">At least one preference; a string is stored as it is, any other JSON value as its JSON text.</param>
/// <param name="Category">Accepted, not stored: the grid's preferences are one flat key/value map.</param>
internal sealed record CompatPreferencesRequest(
    [property: JsonPropertyName("preferences")] IReadOnlyDictionary<string, JsonElement> Preferences,
    [property: JsonPropertyName("category")] string? Category = null);
