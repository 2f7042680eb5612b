using System.Text.Json;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Grains;

[Collection(GarnetClusterCollection.Name)]
public sealed class ExportImportTests(GarnetClusterFixture fixture)
{
    private readonly MemoryCluster _memory = fixture.Memory;

    [Fact]
    public async Task ExportEraseImport_GivesBackTheSameMemories()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        await user.RememberAsync(
        [
            new NewMemory("Prefers boutique hotels", Category: "preference", Tags: new Dictionary<string, string> { ["kind"] = "hotel" }),
            new NewMemory("Visited Kyoto in 2024 — loved it 🍵", Category: "trip", Source: "agent-1"),
        ]);
        await user.AddConversationAsync(new Conversation("s-9", [new ConversationMessage("user", "I need a vegan restaurant")]));
        var first = (await user.ListAsync(new ListQuery())).Items[^1];
        await user.UpdateAsync(first.Id, new MemoryUpdate(Text: "Prefers boutique hotels with a view"));
        await user.SetPreferencesAsync(new Dictionary<string, string> { ["currency"] = "JPY" });
        var exported = await user.ExportAsync();

        // Through JSON, as the CLI writes and reads the document.
        var document = JsonSerializer.Deserialize<UserExport>(JsonSerializer.Serialize(exported))!;
        var receipt = await user.EraseAsync();
        Assert.Equal(0, (await user.GetStatsAsync()).MemoryCount);
        var imported = await user.ImportAsync(document);
        await _memory.DeactivateAsync(userId);
        var roundTripped = await user.ExportAsync();

        Assert.Equal(3, receipt.MemoriesErased);
        Assert.Equal(new ImportResult(3, 0, 1), imported);
        Assert.Equal(Comparable(exported), Comparable(roundTripped));
    }

    [Fact]
    public async Task Import_IntoAUserWhoHoldsSomeOfIt_SkipsWhatIsAlreadyThere()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        await user.RememberAsync([new NewMemory("One"), new NewMemory("Two")]);
        var exported = await user.ExportAsync();
        await user.ForgetAsync([exported.Memories[0].Id]);

        var result = await user.ImportAsync(exported);

        Assert.Equal(1, result.Imported);
        Assert.Equal(1, result.Skipped);
        Assert.Equal(2, (await user.GetStatsAsync()).MemoryCount);
    }

    private static string Comparable(UserExport export) =>
        JsonSerializer.Serialize(new { export.UserId, Memories = export.Memories.OrderBy(m => m.Id), export.Preferences });
}
