using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// The grid as an agent backend in another language calls it: the silo host's HTTP API
/// (<c>/v1/users/{userId}/...</c>) over loopback, with the same token and the same requests as
/// <see cref="GridTarget"/>, so the two sides differ only in the transport.
/// </summary>
internal sealed class HttpGridTarget(Uri address, string token) : ILoadTarget, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // The prompt builder's default, as GridTarget takes it.
    private static readonly ContextQuery Context = new();

    private readonly HttpClient _http = new()
    {
        BaseAddress = address,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    public string Name => "grid-http";

    public async Task<int> SearchAsync(string userId, string text)
    {
        using var response = await _http.PostAsJsonAsync($"/v1/users/{userId}/memories/search", new SearchQuery(text, Mode: SearchMode.Keyword), Json);
        return (await ReadAsync<JsonElement>(response)).GetArrayLength();
    }

    public async Task<int> ContextAsync(string userId)
    {
        using var response = await _http.GetAsync($"/v1/users/{userId}/context?perCategory={Context.PerCategory}");
        var context = await ReadAsync<JsonElement>(response);
        return context.GetProperty("sections").EnumerateArray().Sum(section => section.GetProperty("memories").GetArrayLength());
    }

    public async Task<bool> GetAsync(string userId, string memoryId)
    {
        using var response = await _http.GetAsync($"/v1/users/{userId}/memories/{memoryId}");
        return response.StatusCode != System.Net.HttpStatusCode.NotFound && (await ReadAsync<JsonElement>(response)).ValueKind == JsonValueKind.Object;
    }

    public async Task<string> RememberAsync(string userId, NewMemory memory) => (await SeedAsync(userId, [memory]))[0];

    public async Task<IReadOnlyList<string>> SeedAsync(string userId, IReadOnlyList<NewMemory> memories)
    {
        using var response = await _http.PostAsJsonAsync($"/v1/users/{userId}/memories", new { memories }, Json);
        var result = await ReadAsync<RememberResult>(response);
        return result.Outcomes.Select(o => o.Status == RememberStatus.Stored
            ? o.MemoryId
            : throw new InvalidOperationException($"The grid did not store a benchmark memory ({o.Status}); the generated texts must be unique.")).ToArray();
    }

    public void Dispose() => _http.Dispose();

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            // The problem document says why; the driver counts the call as an error.
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }
}
