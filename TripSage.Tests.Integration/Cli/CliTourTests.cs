using System.Text.Json;
using TripSage.Memory.Hosting;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Cli;

/// <summary>The README's CLI tour, command by command, against the real silo host on its embedded defaults.</summary>
public sealed class CliTourTests : IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-cli-").FullName;
    private InProcessSilo? _silo;

    public async Task InitializeAsync() => _silo = await InProcessSilo.StartDevelopmentAsync(_dataPath);

    public async Task DisposeAsync()
    {
        await _silo!.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    [Fact]
    public async Task Tour_EveryCommand_WorksAgainstARunningSilo()
    {
        var user = TestUsers.New("alice");
        var exportFile = Path.Combine(_dataPath, "alice.json");
        var minted = await CliInvocation.RunAsync("token", "--user", user, "--data-path", _dataPath);
        Assert.Equal(0, minted.ExitCode);
        _token = minted.Output.Trim();

        var stored = await Run("remember", "--user", user, "--text", "Prefers aisle seats on long flights", "--category", "preference", "--tag", "cabin=economy");
        await Run("remember", "--user", user, "--text", "Allergic to peanuts", "--category", "health");
        var duplicate = await Run("remember", "--user", user, "--text", "Allergic to peanuts", "--category", "health", "--json");
        await Run("remember", "--user", user, "--text", "Hotel door code 4711", "--expires", "2h");
        var search = await Run("search", "--user", user, "--query", "seat on flights", "--top", "3");
        var context = await Run("context", "--user", user);
        var list = await Run("list", "--user", user, "--category", "preference", "--json");
        var stats = await Run("stats", "--user", user, "--json");
        var export = await Run("export", "--user", user, "--out", exportFile);
        var erase = await Run("erase", "--user", user, "--yes");
        var statsAfterErase = await Run("stats", "--user", user, "--json");
        var import = await Run("import", "--user", user, "--in", exportFile);
        var id = JsonDocument.Parse(list.Output).RootElement.GetProperty("items")[0].GetProperty("id").GetString()!;
        var forget = await Run("forget", "--user", user, "--id", id);
        var statsAtEnd = await Run("stats", "--user", user, "--json");

        Assert.Contains("stored", stored.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("duplicate", duplicate.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Prefers aisle seats on long flights", search.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.Contains("Allergic to peanuts", context.Output);
        Assert.Equal(3, MemoryCount(stats));
        Assert.True(File.Exists(exportFile));
        Assert.Contains("3", export.Output);
        Assert.Contains(user, erase.Output);
        Assert.Equal(0, MemoryCount(statsAfterErase));
        Assert.Contains("3", import.Output);
        Assert.Contains(id, forget.Output);
        Assert.Equal(2, MemoryCount(statsAtEnd));
    }

    [Fact]
    public async Task Remember_OverTheTextLimit_ExitsOneWithTheFieldInOneLine()
    {
        var user = TestUsers.New();
        var token = TestTokens.ForDevelopmentSilo(_dataPath, user);
        var outcome = await CliInvocation.RunAsync("remember", "--user", user, "--text", new string('x', 9000), "--gateway", Gateway, "--token", token);

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: memories[0].text", line);
    }

    private string Gateway => $"127.0.0.1:{_silo!.GatewayPort}";

    private string? _token;

    private async Task<CliOutcome> Run(params string[] args)
    {
        var outcome = await CliInvocation.RunAsync([.. args, "--gateway", Gateway, "--token", _token!]);
        Assert.True(outcome.ExitCode == 0, $"tripsage {string.Join(' ', args)} exited {outcome.ExitCode}: {outcome.Error}");
        return outcome;
    }

    private static int MemoryCount(CliOutcome stats) => JsonDocument.Parse(stats.Output).RootElement.GetProperty("memoryCount").GetInt32();
}
