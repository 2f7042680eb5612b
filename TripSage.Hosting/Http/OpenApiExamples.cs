using System.Text.Json.Nodes;
using TripSage.Memory.Hosting.Http.Compatibility;

namespace TripSage.Memory.Hosting.Http;

/// <summary>An example of each body a caller sends, and of the main answers, for the OpenAPI document.</summary>
internal static class OpenApiExamples
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(RememberRequest)] = """
            {"memories": [
              {"text": "Prefers aisle seats on long flights", "category": "preference", "tags": {"cabin": "economy"}},
              {"text": "Allergic to peanuts", "category": "health", "expiresAt": "2030-01-01T00:00:00Z"}]}
            """,
        [typeof(NewMemory)] = """{"text": "Prefers aisle seats on long flights", "category": "preference", "tags": {"cabin": "economy"}, "source": "chat", "sessionId": "chat-42"}""",
        [typeof(SearchQuery)] = """{"text": "seat on flights", "top": 5, "category": "preference", "mode": "hybrid"}""",
        [typeof(Conversation)] = """
            {"sessionId": "chat-42", "messages": [
              {"role": "user", "text": "We are flying to Lisbon in May"},
              {"role": "assistant", "text": "Noted: Lisbon in May."}]}
            """,
        [typeof(ConversationMessage)] = """{"role": "user", "text": "We are flying to Lisbon in May"}""",
        [typeof(MemoryUpdate)] = """{"text": "Prefers window seats on long flights", "tags": {"cabin": "business"}}""",
        [typeof(RememberResult)] = """{"outcomes": [{"index": 0, "memoryId": "m-01J9ZQ4W7X", "status": "stored", "flags": [], "quarantined": false}]}""",
        [typeof(EraseReceipt)] = """{"userId": "alice", "receiptId": "r-6f1c2d", "erasedAt": "2026-11-26T16:24:45Z", "memoriesErased": 12, "preferencesErased": 2}""",
        [typeof(CompatConversationRequest)] = """
            {"messages": [{"role": "user", "content": "I want a beach holiday in Portugal"}],
             "session_id": "chat-42", "trip_id": "trip-7", "metadata": {"channel": "web"}}
            """,
        [typeof(CompatSearchRequest)] = """{"query": "beach holiday", "limit": 5, "filters": {"category": "conversation"}, "similarity_threshold": 0.3}""",
        [typeof(CompatPreferencesRequest)] = """{"preferences": {"seat": "aisle", "budget_usd": 2500}, "category": "travel_preferences"}""",
        [typeof(CompatSearchResponse)] = """
            {"memories": [{"id": "m-01J9ZQ4W7X", "memory": "I want a beach holiday in Portugal", "metadata": {"session_id": "chat-42", "role": "user"},
              "categories": ["conversation"], "similarity": 0.71, "created_at": "2026-11-26T16:24:45+00:00", "user_id": "alice"}], "count": 1}
            """,
    };

    /// <summary>The example for <paramref name="type"/>, or <see langword="null"/> when it has none.</summary>
    public static JsonNode? For(Type type) => Examples.TryGetValue(type, out var json) ? JsonNode.Parse(json) : null;

    /// <summary>The types that carry an example, for tests.</summary>
    public static IReadOnlyCollection<Type> Types => Examples.Keys;
}
