using System.Net;
using System.Net.Http.Json;
using System.Text;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>400 naming the field, 404 for unknown memories, 422 naming the content rules: each with the user's state unchanged.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class HttpErrorTests(HttpSiloFixture silo)
{
    // A Luhn-valid test card number: the content policy rejects it by default (card-number: Reject).
    private const string CardText = "My card is 4111 1111 1111 1111";

    [Theory]
    [MemberData(nameof(HttpRoutes.User), MemberType = typeof(HttpRoutes))]
    public async Task UserRoute_WithInvalidUserId_Is400NamingUserId(HttpRoute route)
    {
        using var http = silo.As("operator", admin: true);
        using var response = await http.SendAsync(route.Request("-not-a-user"));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("userId", problem.GetProperty("field").GetString());
        Assert.Equal(UserIds.Allowed, problem.GetProperty("allowed").GetString());
    }

    public static TheoryData<string, string, string?, string> InvalidRequests() => new()
    {
        { "POST", "/v1/users/{user}/memories", """{"memories":[]}""", "memories" },
        { "POST", "/v1/users/{user}/memories", """{"memories":[{"text":"   "}]}""", "memories[0].text" },
        { "GET", "/v1/users/{user}/memories?limit=0", null, "query.limit" },
        { "GET", "/v1/users/{user}/memories?tag=nokey", null, "tag[0]" },
        { "GET", "/v1/users/{user}/memories/not%20an%20id", null, "memoryId" },
        { "PATCH", "/v1/users/{user}/memories/m-1", """{"text":""}""", "update.text" },
        { "DELETE", "/v1/users/{user}/memories/not%20an%20id", null, "memoryIds[0]" },
        { "POST", "/v1/users/{user}/memories/search", """{"text":"seats","top":0}""", "query.top" },
        { "POST", "/v1/users/{user}/conversations", """{"messages":[{"role":"user","text":"hi"}]}""", "conversation.sessionId" },
        { "GET", "/v1/users/{user}/context?perCategory=0", null, "query.perCategory" },
        { "PUT", "/v1/users/{user}/preferences", """{"seat":null}""", "preferences[seat]" },
        { "POST", "/v1/users/{user}/import", """{"format":99,"userId":"{user}","memories":[]}""", "document.format" },
        { "GET", "/v1/users/{user}/audit?since=0", null, "sinceSequence" },
        { "POST", "/memory/conversation", """{"session_id":"s-1"}""", "messages" },
        { "POST", "/memory/search", """{"query":"beach","similarity_threshold":2}""", "similarity_threshold" },
        { "POST", "/memory/search", """{"query":"beach","filters":{"budget":3}}""", "filters.budget" },
        { "POST", "/memory/search", """{"query":""}""", "query.text" },
        { "PUT", "/memory/preferences", """{"preferences":{}}""", "preferences" },
        { "POST", "/memory/preference?value=aisle", null, "key" },
        { "DELETE", "/memory/memory/not%20an%20id", null, "memoryIds[0]" },
        { "DELETE", "/memory/clear", null, "confirm" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Route_WithInvalidInput_Is400NamingTheFieldAndChangesNothing(string method, string path, string? body, string field)
    {
        var userId = TestUsers.New();
        using var http = silo.As(userId);
        await SeedAsync(http, userId);
        var before = await StatsAsync(http, userId);

        using var response = await http.SendAsync(new HttpRoute(method, path, body).Request(userId));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("allowed").GetString()));
        Assert.Equal(before, await StatsAsync(http, userId));
    }

    [Theory]
    [InlineData("GET", "/v1/users/{user}/memories/m-unknown")]
    [InlineData("PATCH", "/v1/users/{user}/memories/m-unknown")]
    [InlineData("DELETE", "/v1/users/{user}/memories/m-unknown")]
    [InlineData("DELETE", "/memory/memory/m-unknown")]
    public async Task MemoryRoute_WithUnknownMemory_Is404AndChangesNothing(string method, string path)
    {
        var userId = TestUsers.New();
        using var http = silo.As(userId);
        await SeedAsync(http, userId);
        var before = await StatsAsync(http, userId);
        var body = method == "PATCH" ? """{"text":"Prefers window seats"}""" : null;

        using var response = await http.SendAsync(new HttpRoute(method, path, body).Request(userId));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("m-unknown", problem.GetProperty("memoryId").GetString());
        Assert.Equal(before, await StatsAsync(http, userId));
    }

    public static TheoryData<string, string, string, string> RejectedRequests() => new()
    {
        { "POST", "/v1/users/{user}/memories", $$"""{"memories":[{"text":"Fine"},{"text":"{{CardText}}"}]}""", "memories[1].text" },
        { "PATCH", "/v1/users/{user}/memories/{memory}", $$"""{"text":"{{CardText}}"}""", "update.text" },
        { "POST", "/v1/users/{user}/conversations", $$"""{"sessionId":"s-1","messages":[{"role":"user","text":"{{CardText}}"}]}""", "conversation.messages[0].text" },
        { "PUT", "/v1/users/{user}/preferences", $$"""{"card":"{{CardText}}"}""", "preferences[card]" },
        { "POST", "/v1/users/{user}/import", $$"""{"format":1,"userId":"{user}","memories":[{"id":"m-imp-1","text":"{{CardText}}","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}]}""", "document.memories[0].text" },
        { "POST", "/memory/conversation", $$"""{"messages":[{"role":"user","content":"{{CardText}}"}],"session_id":"s-1"}""", "conversation.messages[0].text" },
        { "PUT", "/memory/preferences", $$$"""{"preferences":{"card":"{{{CardText}}}"}}""", "preferences[card]" },
    };

    [Theory]
    [MemberData(nameof(RejectedRequests))]
    public async Task Route_WithRejectedContent_Is422NamingTheRulesNotTheText(string method, string path, string body, string field)
    {
        var userId = TestUsers.New();
        using var http = silo.As(userId);
        var memoryId = await SeedAsync(http, userId);
        var before = await StatsAsync(http, userId);

        using var response = await http.SendAsync(new HttpRoute(method, path, body).Request(userId, memoryId));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal("card-number", Assert.Single(problem.GetProperty("rules").EnumerateArray()).GetString());
        Assert.DoesNotContain("4111", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await StatsAsync(http, userId));
    }

    [Fact]
    public async Task CompatPreference_WithRejectedValue_Is422()
    {
        var userId = TestUsers.New();
        using var http = silo.As(userId);

        using var response = await http.PostAsync($"/memory/preference?key=card&value={Uri.EscapeDataString(CardText)}", null);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("preferences[card]", problem.GetProperty("field").GetString());
    }

    /// <summary>One memory and one preference, so that "unchanged" has something to lose.</summary>
    internal static async Task<string> SeedAsync(HttpClient http, string userId)
    {
        var remembered = await HttpAssert.JsonAsync(await http.PostAsJsonAsync($"/v1/users/{userId}/memories", new { memories = new[] { new { text = "Prefers aisle seats", category = "preference" } } }));
        await HttpAssert.JsonAsync(await http.PutAsJsonAsync($"/v1/users/{userId}/preferences", new Dictionary<string, string> { ["seat"] = "aisle" }));
        return remembered.GetProperty("outcomes")[0].GetProperty("memoryId").GetString()!;
    }

    /// <summary>What a user holds, in a form two calls can be compared by.</summary>
    internal static async Task<string> StatsAsync(HttpClient http, string userId)
    {
        var stats = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/stats"));
        var export = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/preferences"));
        return new StringBuilder()
            .Append("memories=").Append(stats.GetProperty("memoryCount").GetInt32())
            .Append(" stored=").Append(stats.GetProperty("storedTotal").GetInt64())
            .Append(" updated=").Append(stats.GetProperty("updatedTotal").GetInt64())
            .Append(" forgotten=").Append(stats.GetProperty("forgottenTotal").GetInt64())
            .Append(" bytes=").Append(stats.GetProperty("textBytes").GetInt64())
            .Append(" preferences=").Append(export)
            .ToString();
    }
}
