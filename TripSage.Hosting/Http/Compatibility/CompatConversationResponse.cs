using System.Text.Json.Serialization;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>The answer of <c>POST /memory/conversation</c>: Mem0's <c>{results: [...]}</c> plus the session the messages were stored under.</summary>
internal sealed record CompatConversationResponse(
    [property: JsonPropertyName("results")] IReadOnlyList<CompatAddResult> Results,
    [property: JsonPropertyName("session_id")] string SessionId);
