using System.Net;
using System.Text;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>Bodies the API cannot read: a clear 4xx problem, and the user's state unchanged.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class HttpRequestBodyTests(HttpSiloFixture silo)
{
    public static TheoryData<string, string> BodyRoutes() => new()
    {
        { "POST", "/v1/users/{user}/memories" },
        { "POST", "/v1/users/{user}/memories/search" },
        { "PATCH", "/v1/users/{user}/memories/{memory}" },
        { "POST", "/v1/users/{user}/conversations" },
        { "PUT", "/v1/users/{user}/preferences" },
        { "POST", "/v1/users/{user}/import" },
        { "POST", "/memory/conversation" },
        { "POST", "/memory/search" },
        { "PUT", "/memory/preferences" },
    };

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task Route_WithMalformedJson_Is400NamingWhereAndChangesNothing(string method, string path)
    {
        var (http, userId, memoryId, before) = await SeededUserAsync();
        using var request = new HttpRoute(method, path, """{"memories": [{"text": "unterminated""").Request(userId, memoryId);

        using var response = await http.SendAsync(request);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("LineNumber", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await HttpErrorTests.StatsAsync(http, userId));
    }

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task Route_WithWrongJsonTypes_Is400AndChangesNothing(string method, string path)
    {
        var (http, userId, memoryId, before) = await SeededUserAsync();
        using var request = new HttpRoute(method, path, "[1, 2, 3]").Request(userId, memoryId);

        using var response = await http.SendAsync(request);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await HttpErrorTests.StatsAsync(http, userId));
    }

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task Route_WithTextPlainBody_Is415AndChangesNothing(string method, string path)
    {
        var (http, userId, memoryId, before) = await SeededUserAsync();
        using var request = new HttpRoute(method, path).Request(userId, memoryId);
        request.Content = new StringContent("""{"memories":[{"text":"Prefers trains"}]}""", Encoding.UTF8, "text/plain");

        using var response = await http.SendAsync(request);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await HttpErrorTests.StatsAsync(http, userId));
    }

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task Route_WithoutBody_Is400AndChangesNothing(string method, string path)
    {
        var (http, userId, memoryId, before) = await SeededUserAsync();
        using var request = new HttpRoute(method, path).Request(userId, memoryId);
        request.Content = new StringContent(string.Empty, Encoding.UTF8, "application/json");

        using var response = await http.SendAsync(request);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await HttpErrorTests.StatsAsync(http, userId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Remember_WithBodyOverTheLimit_Is413AndChangesNothing(bool chunked)
    {
        var (http, userId, _, before) = await SeededUserAsync();
        var limit = new Hosting.Http.HttpApiOptions().MaxRequestBodyBytes;

        // Just over the limit: a chunked body is all sent by the time the server has read up to the limit,
        // so the client reads the 413 instead of finding the connection closed under its write.
        var body = Encoding.UTF8.GetBytes($$"""{"memories":[{"text":"{{new string('a', (int)limit)}}"}]}""");
        Assert.True(body.Length > limit);
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/users/{userId}/memories") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;

        // With a length the server refuses before asking for the body (100-continue), so none is sent.
        request.Headers.ExpectContinue = !chunked;
        using var response = await http.SendAsync(request);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("Request body too large", problem.GetProperty("title").GetString());
        Assert.Equal(before, await HttpErrorTests.StatsAsync(http, userId));
    }

    [Fact]
    public async Task Import_WithABodyOverTheGeneralLimit_IsAcceptedUpToItsOwnLimit()
    {
        var userId = TestUsers.New();
        using var http = silo.As(userId);
        var options = new Hosting.Http.HttpApiOptions();
        var padding = new string(' ', (int)options.MaxRequestBodyBytes + 1024);
        Assert.True(padding.Length < options.MaxImportBodyBytes);

        // Whitespace is valid JSON: a document just over the general limit, well under import's own.
        using var content = new StringContent($$$"""{"format":1,"userId":"{{{userId}}}",{{{padding}}}"memories":[],"preferences":{"seat":"aisle"}}""", Encoding.UTF8, "application/json");
        var imported = await HttpAssert.JsonAsync(await http.PostAsync($"/v1/users/{userId}/import", content));

        Assert.Equal(1, imported.GetProperty("preferencesSet").GetInt32());
    }

    [Theory]
    [InlineData("GET", "/v1/users/{user}/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("GET", "/memory/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/v1/users/{user}/stats", HttpStatusCode.MethodNotAllowed)]
    public async Task UnknownRouteOrMethod_IsAProblemDocument(string method, string path, HttpStatusCode status)
    {
        var userId = TestUsers.New();
        using var http = silo.As(userId);

        using var response = await http.SendAsync(new HttpRoute(method, path).Request(userId));

        await HttpAssert.ProblemAsync(response, status);
    }

    private async Task<(HttpClient Http, string UserId, string MemoryId, string Before)> SeededUserAsync()
    {
        var userId = TestUsers.New();
        var http = silo.As(userId);
        var memoryId = await HttpErrorTests.SeedAsync(http, userId);
        return (http, userId, memoryId, await HttpErrorTests.StatsAsync(http, userId));
    }
}
