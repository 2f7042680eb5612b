using System.Net;
using System.Net.Http.Json;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>Missing, invalid and misdirected tokens on every route: the bearer scheme and the grain call filter.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class HttpAuthenticationTests(HttpSiloFixture silo)
{
    [Theory]
    [MemberData(nameof(HttpRoutes.All), MemberType = typeof(HttpRoutes))]
    public async Task Route_WithoutToken_Is401WithBearerChallenge(HttpRoute route)
    {
        using var http = silo.Anonymous();
        using var response = await http.SendAsync(route.Request(TestUsers.New()));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("no bearer token was sent", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(HttpRoutes.All), MemberType = typeof(HttpRoutes))]
    public async Task Route_WithTokenSignedByAnotherKey_Is401InvalidToken(HttpRoute route)
    {
        var userId = TestUsers.New();
        using var http = silo.WithToken(TestTokens.For(userId));
        using var response = await http.SendAsync(route.Request(userId));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Equal("the token's signature does not verify", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("expired", "the token has expired")]
    [InlineData("wrong audience", "the token is for the wrong audience")]
    [InlineData("wrong issuer", "the token is from the wrong issuer")]
    [InlineData("unknown key", "the token's signature does not verify")]
    public async Task Route_WithABadToken_Is401NamingExactlyWhatIsWrong(string kind, string reason)
    {
        var userId = TestUsers.New();
        var token = kind switch
        {
            "expired" => TestTokens.For(userId, signingKey: silo.SigningKey, expires: DateTime.UtcNow.AddHours(-1)),
            "wrong audience" => TestTokens.For(userId, signingKey: silo.SigningKey, audience: "another-service"),
            "wrong issuer" => TestTokens.For(userId, signingKey: silo.SigningKey, issuer: "evil-issuer"),
            _ => TestTokens.For(userId),
        };
        using var http = silo.WithToken(token);
        using var response = await http.GetAsync($"/v1/users/{userId}/stats");

        // Problem details with the reason alone: the status, the title, the detail, never a stack or an exception type.
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(reason, problem.GetProperty("detail").GetString());
        var body = problem.GetRawText();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_WithNonBearerAuthorization_Is401AskingForABearerToken()
    {
        using var http = silo.Anonymous();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "YWxpY2U6c2VjcmV0");
        using var response = await http.GetAsync($"/v1/users/{TestUsers.New()}/stats");

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Null(challenge.Parameter);
        Assert.Equal("the Authorization header does not carry a bearer token", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Route_WithAMalformedToken_Is401NamingIt()
    {
        var userId = TestUsers.New();
        using var http = silo.WithToken("not-a-jwt");
        using var response = await http.GetAsync($"/v1/users/{userId}/stats");

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("the token is not a well-formed JWT", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(HttpRoutes.User), MemberType = typeof(HttpRoutes))]
    public async Task UserRoute_WithAnotherUsersToken_Is403AndChangesNothing(HttpRoute route)
    {
        var alice = TestUsers.New("alice");
        var bob = TestUsers.New("bob");
        using var asBob = silo.As(bob);
        await HttpAssert.JsonAsync(await asBob.PostAsJsonAsync($"/v1/users/{bob}/memories", new { memories = new[] { new { text = "Bob's window seat" } } }));
        var before = await HttpAssert.JsonAsync(await asBob.GetAsync($"/v1/users/{bob}/stats"));

        using var asAlice = silo.As(alice);
        using var response = await asAlice.SendAsync(route.Request(bob));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("the token belongs to another user", problem.GetProperty("detail").GetString());
        var after = await HttpAssert.JsonAsync(await asBob.GetAsync($"/v1/users/{bob}/stats"));
        Assert.Equal(before.GetProperty("memoryCount").GetInt32(), after.GetProperty("memoryCount").GetInt32());
        Assert.Equal(before.GetProperty("preferenceCount").GetInt32(), after.GetProperty("preferenceCount").GetInt32());
    }

    [Fact]
    public async Task UserRoute_WithAdminToken_ReachesAnyUser()
    {
        var userId = TestUsers.New();
        using var asUser = silo.As(userId);
        await HttpAssert.JsonAsync(await asUser.PostAsJsonAsync($"/v1/users/{userId}/memories", new { memories = new[] { new { text = "Likes night trains" } } }));

        using var asAdmin = silo.As("operator", admin: true);
        var stats = await HttpAssert.JsonAsync(await asAdmin.GetAsync($"/v1/users/{userId}/stats"));

        Assert.Equal(1, stats.GetProperty("memoryCount").GetInt32());
    }

    [Fact]
    public async Task UserRoute_CallsTheGrainWithTheCallersToken_SoTheAuditNamesTheCaller()
    {
        var userId = TestUsers.New();
        using var http = silo.As(userId);
        await HttpAssert.JsonAsync(await http.PostAsJsonAsync($"/v1/users/{userId}/memories", new { memories = new[] { new { text = "Window seat" } } }));

        var events = await HttpAssert.JsonAsync(await http.GetAsync($"/v1/users/{userId}/audit"));

        var remember = events.EnumerateArray().First(e => e.GetProperty("operation").GetString() == "remember");
        Assert.Equal(userId, remember.GetProperty("actor").GetString());
        Assert.Equal("ok", remember.GetProperty("outcome").GetString());
    }
}
