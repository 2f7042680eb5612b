using System.Net.Http.Json;
using System.Text.Json;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>Every <c>/v1/users/{userId}</c> route doing its job, end to end through Kestrel, the facade and the grain.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class HttpUserRouteTests(HttpSiloFixture silo)
{
    [Fact]
    public async Task Remember_ABatch_ReportsOneOutcomePerItemWithDuplicates()
    {
        var (http, userId) = User();
        var body = new { memories = new object[] { new { text = "Prefers aisle seats", category = "preference" }, new { text = "Allergic to peanuts", category = "health" }, new { text = "Prefers aisle seats", category = "preference" } } };

        var result = await HttpAssert.JsonAsync(await http.PostAsJsonAsync($"/v1/users/{userId}/memories", body));

        var outcomes = result.GetProperty("outcomes").EnumerateArray().ToArray();
        Assert.Equal(["stored", "stored", "duplicate"], outcomes.Select(o => o.GetProperty("status").GetString()));
        Assert.Equal(outcomes[0].GetProperty("memoryId").GetString(), outcomes[2].GetProperty("memoryId").GetString());
        Assert.Equal([0, 1, 2], outcomes.Select(o => o.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task List_FiltersByCategoryAndTagAndPages()
    {
        var (http, userId) = User();
        await RememberAsync(http, userId,
            new { text = "Aisle seat", category = "preference", tags = new Dictionary<string, string> { ["cabin"] = "economy" } },
            new { text = "Lounge access", category = "preference", tags = new Dictionary<string, string> { ["cabin"] = "business" } },
            new { text = "Peanut allergy", category = "health" });

        var page = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/memories?category=preference&tag=cabin=economy&limit=1"));

        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal("Aisle seat", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
        var all = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/memories?limit=2"));
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(2, all.GetProperty("nextOffset").GetInt32());
    }

    [Fact]
    public async Task GetUpdateForget_OneMemory_KeepsHistoryThenDeletes()
    {
        var (http, userId) = User();
        var id = (await RememberAsync(http, userId, new { text = "Prefers aisle seats" }))[0];

        var got = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/memories/{id}"));
        Assert.Equal("Prefers aisle seats", got.GetProperty("text").GetString());

        var updated = await HttpAssert.JsonAsync(await http.PatchAsJsonAsync($"/v1/users/{userId}/memories/{id}", new { text = "Prefers window seats", category = "preference" }));
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        Assert.Equal("Prefers aisle seats", updated.GetProperty("previousVersions")[0].GetProperty("text").GetString());

        var forgotten = await HttpAssert.JsonAsync(await http.DeleteAsync($"/v1/users/{userId}/memories/{id}"));
        Assert.Equal(id, Assert.Single(forgotten.GetProperty("forgotten").EnumerateArray()).GetString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"/v1/users/{userId}/memories/{id}")).StatusCode);
    }

    [Fact]
    public async Task Search_FindsTheMemoryByItsWords()
    {
        var (http, userId) = User();
        await RememberAsync(http, userId, new { text = "Prefers aisle seats on long flights" }, new { text = "Allergic to peanuts" });

        var hits = await HttpAssert.JsonAsync(await http.PostAsJsonAsync($"/v1/users/{userId}/memories/search", new { text = "seat on flights", top = 1, mode = "keyword" }));

        var hit = Assert.Single(hits.EnumerateArray());
        Assert.Equal("Prefers aisle seats on long flights", hit.GetProperty("memory").GetProperty("text").GetString());
        Assert.Contains("keyword", hit.GetProperty("signals").GetString(), StringComparison.Ordinal);
        Assert.False(hit.GetProperty("memory").TryGetProperty("quantizedEmbedding", out _), "only an export carries stored embeddings");
    }

    [Fact]
    public async Task AddConversation_StoresEveryMessageWithSessionAndRole()
    {
        var (http, userId) = User();
        var body = new { sessionId = "chat-42", messages = new[] { new { role = "user", text = "Flying to Lisbon in May" }, new { role = "assistant", text = "Noted: Lisbon in May" } } };

        var result = await HttpAssert.JsonAsync(await http.PostAsJsonAsync($"/v1/users/{userId}/conversations", body));

        Assert.Equal(2, result.GetProperty("outcomes").GetArrayLength());
        var page = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/memories"));
        Assert.All(page.GetProperty("items").EnumerateArray(), m => Assert.Equal("chat-42", m.GetProperty("sessionId").GetString()));
        Assert.Equal(["assistant", "user"], page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("role").GetString()).Order());
    }

    [Fact]
    public async Task PreferencesAndContext_SetPreferencesShowInTheContext()
    {
        var (http, userId) = User();
        await RememberAsync(http, userId, new { text = "Prefers aisle seats", category = "preference" });

        var all = await HttpAssert.JsonAsync(await http.PutAsJsonAsync($"/v1/users/{userId}/preferences", new Dictionary<string, string> { ["seat"] = "aisle", ["meal"] = "vegetarian" }));
        Assert.Equal("aisle", all.GetProperty("seat").GetString());
        var removed = await HttpAssert.JsonAsync(await http.PutAsJsonAsync($"/v1/users/{userId}/preferences", new Dictionary<string, string> { ["meal"] = string.Empty }));
        Assert.False(removed.TryGetProperty("meal", out _));
        var got = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/preferences"));
        Assert.Equal(["seat"], HttpAssert.FieldsOf(got));

        var context = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/context?perCategory=1"));
        Assert.Equal("aisle", context.GetProperty("preferences").GetProperty("seat").GetString());
        Assert.Equal("preference", context.GetProperty("sections")[0].GetProperty("category").GetString());
        Assert.Contains("Prefers aisle seats", context.GetProperty("prompt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportEraseImport_RoundTripsTheUser()
    {
        var (http, userId) = User();
        await RememberAsync(http, userId, new { text = "Prefers aisle seats" }, new { text = "Allergic to peanuts" });
        await HttpAssert.JsonAsync(await http.PutAsJsonAsync($"/v1/users/{userId}/preferences", new Dictionary<string, string> { ["seat"] = "aisle" }));

        var export = await (await http.GetAsync($"/v1/users/{userId}/export")).Content.ReadAsStringAsync();
        Assert.Equal(userId, JsonDocument.Parse(export).RootElement.GetProperty("userId").GetString());
        Assert.Equal(384, JsonDocument.Parse(export).RootElement.GetProperty("memories")[0].GetProperty("quantizedEmbedding").GetProperty("dimensions").GetInt32());

        var receipt = await HttpAssert.JsonAsync(await http.DeleteAsync($"/v1/users/{userId}"));
        Assert.Equal(userId, receipt.GetProperty("userId").GetString());
        Assert.Equal(2, receipt.GetProperty("memoriesErased").GetInt32());
        Assert.Equal(1, receipt.GetProperty("preferencesErased").GetInt32());
        Assert.False(string.IsNullOrEmpty(receipt.GetProperty("receiptId").GetString()));
        Assert.Equal(0, (await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/stats"))).GetProperty("memoryCount").GetInt32());

        var imported = await HttpAssert.JsonAsync(await http.PostAsync($"/v1/users/{userId}/import", new StringContent(export, System.Text.Encoding.UTF8, "application/json")));
        Assert.Equal(2, imported.GetProperty("imported").GetInt32());
        Assert.Equal(1, imported.GetProperty("preferencesSet").GetInt32());
        var stats = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/stats"));
        Assert.Equal(2, stats.GetProperty("memoryCount").GetInt32());
    }

    [Fact]
    public async Task AuditAndVerify_ListTheCallsAndVerifyTheChain()
    {
        var (http, userId) = User();
        await RememberAsync(http, userId, new { text = "Prefers aisle seats" });

        var events = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/audit?since=1&limit=10"));
        Assert.Equal("remember", events[0].GetProperty("operation").GetString());
        Assert.Equal(1, events[0].GetProperty("sequence").GetInt64());

        var verification = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/audit/verify"));
        Assert.True(verification.GetProperty("valid").GetBoolean());
        Assert.True(verification.GetProperty("eventCount").GetInt64() >= 2);
    }

    private (HttpClient Http, string UserId) User()
    {
        var userId = TestUsers.New();
        return (silo.As(userId), userId);
    }

    private static async Task<string[]> RememberAsync(HttpClient http, string userId, params object[] memories)
    {
        var result = await HttpAssert.JsonAsync(await http.PostAsJsonAsync($"/v1/users/{userId}/memories", new { memories }));
        return result.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("memoryId").GetString()!).ToArray();
    }
}
