namespace TripSage.Memory.Mcp.Results;

/// <summary>All of the user's preferences after <c>set_preferences</c>.</summary>
internal sealed record PreferencesResult(IReadOnlyDictionary<string, string> Preferences);
