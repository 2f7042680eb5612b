using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>What became of one message, in Mem0's terms: <c>ADD</c> (stored) or <c>NONE</c> (a duplicate of a held memory).</summary>
internal sealed record CompatAddResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("memory")] string Memory,
    [property: JsonPropertyName("event")] string Event);
