using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>The TripSage-compatible <c>/memory</c> routes: the user is the token's subject, and the answers have TripSage's shapes, field by field.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class HttpCompatibilityTests(HttpSiloFixture silo)
{
    private static readonly string[] MemoryItemFields = ["id", "memory", "metadata", "categories", "created_at", "user_id"];

    [Fact]
    public async Task Conversation_StoresEachMessage_AnswersMem0Results()
    {
        var (http, userId) = User();
        var body = new
        {
            messages = new[] { new { role = "user", content = "I want a beach holiday in Portugal" }, new { role = "assistant", content = "Portugal it is" } },
            session_id = "chat-7",
            trip_id = "trip-1",
            metadata = new { channel = "web" },
        };

        var answer = await HttpAssert.JsonAsync(await http.PostAsJsonAsync("/memory/conversation", body));

        Assert.Equal(["results", "session_id"], HttpAssert.FieldsOf(answer));
        Assert.Equal("chat-7", answer.GetProperty("session_id").GetString());
        var results = answer.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(2, results.Length);
        Assert.All(results, r => Assert.Equal(["id", "memory", "event"], HttpAssert.FieldsOf(r)));
        Assert.Equal(["ADD", "ADD"], results.Select(r => r.GetProperty("event").GetString()));
        Assert.Equal("I want a beach holiday in Portugal", results[0].GetProperty("memory").GetString());

        var again = await HttpAssert.JsonAsync(await http.PostAsJsonAsync("/memory/conversation", body));
        Assert.Equal(["NONE", "NONE"], again.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("event").GetString()));
        var stored = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/memories"));
        Assert.Equal(2, stored.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Conversation_WithoutSession_GetsAGeneratedOne()
    {
        var (http, _) = User();

        var answer = await HttpAssert.JsonAsync(await http.PostAsJsonAsync("/memory/conversation", new { messages = new[] { new { role = "user", content = "Hello" } } }));

        Assert.StartsWith("http-", answer.GetProperty("session_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_AnswersMemoriesAndCount_WithTripSageFields()
    {
        var (http, userId) = User();
        await HttpAssert.JsonAsync(await http.PostAsJsonAsync("/memory/conversation", new { messages = new[] { new { role = "user", content = "I want a beach holiday in Portugal" }, new { role = "user", content = "My passport expires in 2031" } }, session_id = "chat-9" }));

        var answer = await HttpAssert.JsonAsync(await http.PostAsJsonAsync("/memory/search", new { query = "beach holiday", limit = 5, filters = new { session_id = "chat-9" }, similarity_threshold = 0.0 }));

        Assert.Equal(["memories", "count"], HttpAssert.FieldsOf(answer));
        var memories = answer.GetProperty("memories").EnumerateArray().ToArray();
        Assert.Equal(memories.Length, answer.GetProperty("count").GetInt32());
        var best = memories[0];
        Assert.Equal(["id", "memory", "metadata", "categories", "similarity", "created_at", "user_id"], HttpAssert.FieldsOf(best));
        Assert.Equal("I want a beach holiday in Portugal", best.GetProperty("memory").GetString());
        Assert.Equal(userId, best.GetProperty("user_id").GetString());
        Assert.Equal("chat-9", best.GetProperty("metadata").GetProperty("session_id").GetString());
        Assert.Equal("user", best.GetProperty("metadata").GetProperty("role").GetString());
        Assert.Equal(["conversation"], best.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.InRange(best.GetProperty("similarity").GetDouble(), 0.0, 1.0);
        Assert.True(best.GetProperty("created_at").TryGetDateTimeOffset(out _));
    }

    [Fact]
    public async Task Search_WithAHighThreshold_LeavesOutHitsFoundOnlyByWeakEmbeddingSimilarity()
    {
        var (http, _) = User();
        await HttpAssert.JsonAsync(await http.PostAsJsonAsync("/memory/conversation", new { messages = new[] { new { role = "user", content = "My passport expires in 2031" } }, session_id = "chat-3" }));

        var answer = await HttpAssert.JsonAsync(await http.PostAsJsonAsync("/memory/search", new { query = "volcano trekking gear", similarity_threshold = 0.99 }));

        Assert.Equal(0, answer.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Context_FillsTripSageListsByCategory_AndSummarizesAsThePrompt()
    {
        var (http, userId) = User();
        await HttpAssert.JsonAsync(await http.PostAsJsonAsync($"/v1/users/{userId}/memories", new
        {
            memories = new object[]
            {
                new { text = "Went to Kyoto in 2024", category = "past_trips" },
                new { text = "Vegetarian", category = "dietary_restrictions" },
                new { text = "Prefers aisle seats", category = "preference" },
                new { text = "Has a dog", category = "family" },
            },
        }));
        await HttpAssert.JsonAsync(await http.PostAsync("/memory/preference?key=seat&value=aisle&category=flights", null));

        var context = await HttpAssert.JsonAsync(await http.GetAsync("/memory/context"));

        Assert.Equal(
            ["preferences", "past_trips", "saved_destinations", "budget_patterns", "travel_style", "dietary_restrictions", "accommodation_preferences", "activity_preferences", "other", "insights", "summary"],
            HttpAssert.FieldsOf(context));
        var preferences = context.GetProperty("preferences").EnumerateArray().ToArray();
        Assert.Equal(["key", "value"], HttpAssert.FieldsOf(preferences[0]));
        Assert.Equal("seat", preferences[0].GetProperty("key").GetString());
        Assert.Equal("Prefers aisle seats", preferences[1].GetProperty("memory").GetString());
        var trip = Assert.Single(context.GetProperty("past_trips").EnumerateArray());
        Assert.Equal(MemoryItemFields, HttpAssert.FieldsOf(trip));
        Assert.Equal("Went to Kyoto in 2024", trip.GetProperty("memory").GetString());
        Assert.Equal(userId, trip.GetProperty("user_id").GetString());
        Assert.Equal("Vegetarian", Assert.Single(context.GetProperty("dietary_restrictions").EnumerateArray()).GetProperty("memory").GetString());
        Assert.Equal("Has a dog", Assert.Single(context.GetProperty("other").EnumerateArray()).GetProperty("memory").GetString());
        Assert.Empty(context.GetProperty("saved_destinations").EnumerateArray());
        Assert.Equal(JsonValueKind.Object, context.GetProperty("insights").ValueKind);
        Assert.Contains("Went to Kyoto in 2024", context.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preferences_StoresStringsAsSentAndOtherValuesAsJson()
    {
        var (http, userId) = User();

        var answer = await HttpAssert.JsonAsync(await http.PutAsJsonAsync("/memory/preferences", new { preferences = new { seat = "aisle", budget_usd = 2500, airlines = new[] { "TAP" } }, category = "travel_preferences" }));

        Assert.Equal(["preferences"], HttpAssert.FieldsOf(answer));
        var preferences = answer.GetProperty("preferences");
        Assert.Equal("aisle", preferences.GetProperty("seat").GetString());
        Assert.Equal("2500", preferences.GetProperty("budget_usd").GetString());
        Assert.Equal("[\"TAP\"]", preferences.GetProperty("airlines").GetString());
        var stored = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/preferences"));
        Assert.Equal("aisle", stored.GetProperty("seat").GetString());
    }

    [Fact]
    public async Task Preference_SetsOneKey_AnswersKeyValueCategory()
    {
        var (http, userId) = User();

        var answer = await HttpAssert.JsonAsync(await http.PostAsync("/memory/preference?key=meal&value=vegetarian", null));

        Assert.Equal(["key", "value", "category"], HttpAssert.FieldsOf(answer));
        Assert.Equal("general", answer.GetProperty("category").GetString());
        var stored = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/preferences"));
        Assert.Equal("vegetarian", stored.GetProperty("meal").GetString());
    }

    [Fact]
    public async Task DeleteMemory_ForgetsIt_AnswersTripSagesMessage()
    {
        var (http, userId) = User();
        var remembered = await HttpAssert.JsonAsync(await http.PostAsJsonAsync("/memory/conversation", new { messages = new[] { new { role = "user", content = "Hello" } }, session_id = "s" }));
        var id = remembered.GetProperty("results")[0].GetProperty("id").GetString();

        var answer = await HttpAssert.JsonAsync(await http.DeleteAsync($"/memory/memory/{id}"));

        Assert.Equal(["message"], HttpAssert.FieldsOf(answer));
        Assert.Equal("Memory deleted successfully", answer.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/v1/users/{userId}/memories/{id}")).StatusCode);
    }

    [Fact]
    public async Task Stats_AnswersTheGridsCountsInSnakeCase()
    {
        var (http, userId) = User();
        await HttpAssert.JsonAsync(await http.PostAsJsonAsync("/memory/conversation", new { messages = new[] { new { role = "user", content = "Hello" } }, session_id = "s" }));
        await HttpAssert.JsonAsync(await http.PostAsync("/memory/preference?key=seat&value=aisle", null));

        var stats = await HttpAssert.JsonAsync(await http.GetAsync("/memory/stats"));

        Assert.Equal(["user_id", "total_memories", "memories_by_category", "preferences_count", "text_bytes", "oldest_memory_at", "newest_memory_at"], HttpAssert.FieldsOf(stats));
        Assert.Equal(userId, stats.GetProperty("user_id").GetString());
        Assert.Equal(1, stats.GetProperty("total_memories").GetInt32());
        Assert.Equal(1, stats.GetProperty("memories_by_category").GetProperty("conversation").GetInt32());
        Assert.Equal(1, stats.GetProperty("preferences_count").GetInt32());
        Assert.Equal(5, stats.GetProperty("text_bytes").GetInt64());
    }

    [Fact]
    public async Task Clear_WithConfirm_ErasesTheTokensUser_AnswersCountAndReceipt()
    {
        var (http, userId) = User();
        await HttpAssert.JsonAsync(await http.PostAsJsonAsync("/memory/conversation", new { messages = new[] { new { role = "user", content = "Hello" }, new { role = "user", content = "Bye" } }, session_id = "s" }));

        var answer = await HttpAssert.JsonAsync(await http.DeleteAsync("/memory/clear?confirm=true"));

        Assert.Equal(["success", "deleted_count", "receipt_id", "erased_at"], HttpAssert.FieldsOf(answer));
        Assert.True(answer.GetProperty("success").GetBoolean());
        Assert.Equal(2, answer.GetProperty("deleted_count").GetInt32());
        var stats = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/stats"));
        Assert.Equal(0, stats.GetProperty("memoryCount").GetInt32());
    }

    [Fact]
    public async Task Health_NeedsNoToken_AnswersHealthy()
    {
        using var http = silo.Anonymous();

        var answer = await HttpAssert.JsonAsync(await http.GetAsync("/memory/health"));

        Assert.Equal(["status", "service"], HttpAssert.FieldsOf(answer));
        Assert.Equal("healthy", answer.GetProperty("status").GetString());
    }

    private (HttpClient Http, string UserId) User()
    {
        var userId = TestUsers.New();
        return (silo.As(userId), userId);
    }
}
