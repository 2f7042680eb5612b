using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TripSage.Memory.Client.Mem0;
using TripSage.Memory.Tests.Infrastructure;
using TripSage.Memory.Tests.Integration.Cli;
using TripSage.Memory.Tests.Integration.Http;

namespace TripSage.Memory.Tests.Integration.Import;

/// <summary>
/// Importing a Mem0 export into the real silo host on its embedded defaults, as a new user would:
/// with <c>tripsage import-mem0</c> and with <c>POST /v1/import/mem0</c>.
/// </summary>
[Collection(HttpSiloCollection.Name)]
public sealed class Mem0ImportTests(HttpSiloFixture grid) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string _folder = Directory.CreateTempSubdirectory("tripsage-mem0-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ImportMem0_ImportsEveryUsersItems_ReportsEachRefusal_AndAddsNothingWhenRunAgain()
    {
        var (alice, bob, carol) = (TestUsers.New("alice"), TestUsers.New("bob"), TestUsers.New("carol"));
        var items = new JsonArray();
        for (var i = 0; i < 30; i++)
        {
            // The last of alice's items repeats the text of her first under another Mem0 id.
            items.Add(Item($"a-{i}", alice, i == 29 ? "Likes trip 0 to the coast" : $"Likes trip {i} to the coast"));
        }

        for (var i = 0; i < 20; i++)
        {
            items.Add(Item($"b-{i}", bob, $"Booked hotel number {i}"));
        }

        for (var i = 0; i < 5; i++)
        {
            items.Add(Item($"c-{i}", carol, i == 2 ? "My card is 4111 1111 1111 1111" : $"Carol note {i}", created: new DateTimeOffset(2024, 7, 20, 1, 23, 45, TimeSpan.FromHours(-7)).AddDays(i)));
        }

        items.Add(Item("x-0", "-not-a-user", "Orphan"));
        var file = Path.Combine(_folder, "mem0.json");
        await File.WriteAllTextAsync(file, new JsonObject { ["results"] = items }.ToJsonString());

        var first = await ImportWithCliAsync(file);
        var second = await ImportWithCliAsync(file);

        Assert.Equal((56, 3, 53, 1, 2, 0), (first.Items, first.Users, first.Imported, first.Duplicates, first.Rejected, first.NotImported));
        Assert.Collection(
            first.Problems.Where(p => p.Outcome == Mem0ImportProblem.Rejected),
            card =>
            {
                Assert.Equal((52, "c-2", carol), (card.Item, card.SourceId, card.UserId));
                Assert.StartsWith("items[52].text: rejected by the content policy (card-number)", card.Reason);
            },
            orphan => Assert.StartsWith("items[55].user_id: not a valid user id", orphan.Reason));
        Assert.Equal((56, 53, 0, 54, 2), (second.Items, first.Imported, second.Imported, second.Duplicates, second.Rejected));

        var export = await ExportWithCliAsync(carol);
        Assert.Equal(4, export.Memories.Count);
        var note = Assert.Single(export.Memories, m => m.Tags[Mem0Mapping.SourceIdTag] == "c-3");
        Assert.Equal(Mem0Mapping.MemoryIdOf("c-3"), note.Id);
        Assert.Equal(("Carol note 3", Mem0Mapping.Source, "travel"), (note.Text, note.Source, note.Category));
        Assert.Equal(new DateTimeOffset(2024, 7, 23, 8, 23, 45, TimeSpan.Zero), note.CreatedAt);
        Assert.Equal("Lisbon", note.Tags["city"]);
        Assert.DoesNotContain(export.Memories, m => m.Text.Contains("4111", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostImportMem0_ImportsWithAnAdminToken_AndRefusesOtherUsersToAUserToken()
    {
        var (dana, erin) = (TestUsers.New("dana"), TestUsers.New("erin"));
        var export = new JsonArray(Item("d-0", dana, "Prefers night trains"), Item("e-0", erin, "Prefers day trains"));
        using var http = grid.Anonymous();

        using var asDana = await PostAsync(http, export, grid.TokenFor(dana));
        var danaSummary = (await asDana.Content.ReadFromJsonAsync<Mem0ImportSummary>(Web))!;
        using var asAdmin = await PostAsync(http, export, AdminToken);
        var adminSummary = (await asAdmin.Content.ReadFromJsonAsync<Mem0ImportSummary>(Web))!;
        using var notAnExport = await PostAsync(http, new JsonObject { ["memories"] = new JsonArray() }, AdminToken);
        using var anonymous = await PostAsync(http, export, token: null);

        Assert.Equal(HttpStatusCode.OK, asDana.StatusCode);
        Assert.Equal((1, 0, 1), (danaSummary.Imported, danaSummary.Rejected, danaSummary.NotImported));
        var denied = Assert.Single(danaSummary.Problems);
        Assert.Equal((1, erin, Mem0ImportProblem.NotImported), (denied.Item, denied.UserId, denied.Outcome));
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal((1, 1, 0), (adminSummary.Imported, adminSummary.Duplicates, adminSummary.NotImported));
        Assert.Equal(HttpStatusCode.BadRequest, notAnExport.StatusCode);
        Assert.Contains("document", await notAnExport.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private string AdminToken => grid.TokenFor("operator", admin: true);

    private static JsonObject Item(string id, string userId, string text, DateTimeOffset? created = null) => new()
    {
        ["id"] = id,
        ["memory"] = text,
        ["user_id"] = userId,
        ["categories"] = new JsonArray("travel"),
        ["metadata"] = new JsonObject { ["city"] = "Lisbon" },
        ["created_at"] = created?.ToString("O"),
        ["updated_at"] = null,
        ["hash"] = "ignored",
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, JsonNode body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Mem0ImportEndpointsPath) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }

    private const string Mem0ImportEndpointsPath = "/v1/import/mem0";

    private async Task<Mem0ImportSummary> ImportWithCliAsync(string file)
    {
        var outcome = await CliInvocation.RunAsync("import-mem0", "--in", file, "--json", "--timeout", "120", "--gateway", Gateway, "--token", AdminToken);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return JsonSerializer.Deserialize<Mem0ImportSummary>(outcome.Output, Web)!;
    }

    private async Task<UserExport> ExportWithCliAsync(string user)
    {
        var file = Path.Combine(_folder, $"{user}.json");
        var outcome = await CliInvocation.RunAsync("export", "--user", user, "--out", file, "--gateway", Gateway, "--token", AdminToken);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return JsonSerializer.Deserialize<UserExport>(await File.ReadAllTextAsync(file), Web)!;
    }

    private string Gateway => $"127.0.0.1:{grid.Silo.GatewayPort}";
}
