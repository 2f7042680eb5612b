namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>Every route of the HTTP API with a valid request, for the tests that go over all of them.</summary>
public static class HttpRoutes
{
    public static readonly HttpRoute[] UserRoutes =
    [
        new("POST", "/v1/users/{user}/memories", """{"memories":[{"text":"Prefers aisle seats"}]}"""),
        new("GET", "/v1/users/{user}/memories?limit=10&category=preference&tag=cabin=economy"),
        new("GET", "/v1/users/{user}/memories/{memory}"),
        new("PATCH", "/v1/users/{user}/memories/{memory}", """{"text":"Prefers window seats"}"""),
        new("DELETE", "/v1/users/{user}/memories/{memory}"),
        new("POST", "/v1/users/{user}/memories/search", """{"text":"seats","top":3}"""),
        new("POST", "/v1/users/{user}/conversations", """{"sessionId":"s-1","messages":[{"role":"user","text":"Flying to Lisbon in May"}]}"""),
        new("GET", "/v1/users/{user}/context?perCategory=3"),
        new("GET", "/v1/users/{user}/preferences"),
        new("PUT", "/v1/users/{user}/preferences", """{"seat":"aisle"}"""),
        new("GET", "/v1/users/{user}/stats"),
        new("GET", "/v1/users/{user}/export"),
        new("POST", "/v1/users/{user}/import", """{"format":1,"userId":"{user}","memories":[],"preferences":{}}"""),
        new("DELETE", "/v1/users/{user}"),
        new("GET", "/v1/users/{user}/audit?since=1&limit=10"),
        new("GET", "/v1/users/{user}/audit/verify"),
    ];

    /// <summary>Routes over the whole grid rather than one user: the Mem0 import (its own tests: Mem0ImportTests).</summary>
    public static readonly HttpRoute[] GridRoutes =
    [
        new("POST", "/v1/import/mem0", """{"results":[]}"""),
    ];

    public static readonly HttpRoute[] CompatibilityRoutes =
    [
        new("POST", "/memory/conversation", """{"messages":[{"role":"user","content":"Beach holiday in Portugal"}],"session_id":"s-1"}"""),
        new("GET", "/memory/context"),
        new("POST", "/memory/search", """{"query":"beach","limit":5}"""),
        new("PUT", "/memory/preferences", """{"preferences":{"seat":"aisle"}}"""),
        new("POST", "/memory/preference?key=seat&value=aisle"),
        new("DELETE", "/memory/memory/{memory}"),
        new("GET", "/memory/stats"),
        new("DELETE", "/memory/clear?confirm=true"),
    ];

    public static TheoryData<HttpRoute> User() => Data(UserRoutes);

    public static TheoryData<HttpRoute> Compatibility() => Data(CompatibilityRoutes);

    public static TheoryData<HttpRoute> All() => Data([.. UserRoutes, .. CompatibilityRoutes]);

    private static TheoryData<HttpRoute> Data(IEnumerable<HttpRoute> routes)
    {
        var data = new TheoryData<HttpRoute>();
        foreach (var route in routes)
        {
            data.Add(route);
        }

        return data;
    }
}
