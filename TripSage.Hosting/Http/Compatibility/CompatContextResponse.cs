using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>
/// The answer of <c>GET /memory/context</c>, as TripSage's <c>UserContextResponse</c>: memories of the
/// categories TripSage knows in their lists, memories of any other category in <see cref="Other"/>,
/// the grid's preferences first in <see cref="Preferences"/>, and the grid's prompt text as the summary.
/// </summary>
internal sealed record CompatContextResponse(
    [property: JsonPropertyName("preferences")] IReadOnlyList<object> Preferences,
    [property: JsonPropertyName("past_trips")] IReadOnlyList<CompatMemory> PastTrips,
    [property: JsonPropertyName("saved_destinations")] IReadOnlyList<CompatMemory> SavedDestinations,
    [property: JsonPropertyName("budget_patterns")] IReadOnlyList<CompatMemory> BudgetPatterns,
    [property: JsonPropertyName("travel_style")] IReadOnlyList<CompatMemory> TravelStyle,
    [property: JsonPropertyName("dietary_restrictions")] IReadOnlyList<CompatMemory> DietaryRestrictions,
    [property: JsonPropertyName("accommodation_preferences")] IReadOnlyList<CompatMemory> AccommodationPreferences,
    [property: JsonPropertyName("activity_preferences")] IReadOnlyList<CompatMemory> ActivityPreferences,
    [property: JsonPropertyName("other")] IReadOnlyList<CompatMemory> Other,
    [property: JsonPropertyName("insights")] IReadOnlyDictionary<string, string> Insights,
    [property: JsonPropertyName("summary")] string Summary);
