using System.Text.Json;
using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>The body of <c>POST /memory/conversation</c>, as TripSage's <c>ConversationMemoryRequest</c>.</summary>
/// <param name="Messages">The messages; each becomes one memory.</param>
/// <param name="SessionId">The chat session; one is generated when it is not sent.</param>
/// <param name="TripId">Accepted, not stored: a conversation's memories carry session and role only.</param>
/// <param name="Metadata">Accepted, not stored, for the same reason.</param>
internal sealed record CompatConversationRequest(
    [property: JsonPropertyName("messages")] IReadOnlyList<CompatMessage> Messages,
    [property: JsonPropertyName("session_id")] string? SessionId = null,
    [property: JsonPropertyName("trip_id")] string? TripId = null,
    [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, JsonElement>? Metadata = null);
