using System.Text.Json;
using TripSage.Memory.Grains.Migration;
using TripSage.Memory.Hosting;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Cli;

/// <summary>
/// <c>tripsage migrate</c> as an operator runs it, against the real silo host on its embedded store with a
/// second Garnet as the target: set, copy, status, verify, finish, and the user's memories then served from
/// the target alone.
/// </summary>
public sealed class MigrateCommandTests : IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-cli-migrate-").FullName;
    private GarnetTestStore _target = null!;
    private InProcessSilo? _silo;
    private string _admin = null!;

    public async Task InitializeAsync()
    {
        _target = GarnetTestStore.Start();
        _silo = await InProcessSilo.StartDevelopmentAsync(_dataPath, new Dictionary<string, string?>
        {
            [$"{MigrationOptions.SectionName}:Target:ConnectionString"] = _target.ConnectionString,
            [$"{MigrationOptions.SectionName}:RefreshInterval"] = "00:00:00.200",
        });
        _admin = (await CliInvocation.RunAsync("token", "--user", "ops", "--admin", "--data-path", _dataPath)).Output.Trim();
    }

    public async Task DisposeAsync()
    {
        await _silo!.DisposeAsync();
        await _target.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    [Fact]
    public async Task Migrate_SetCopyVerifyFinish_UsersServedFromTheTarget()
    {
        var users = Enumerable.Range(0, 3).Select(_ => TestUsers.New("cli-migrate")).ToList();
        foreach (var user in users)
        {
            await Run("remember", "--user", user, "--text", "Prefers aisle seats");
        }

        var set = await Run("migrate", "set", "--percent", "100");
        var copy = await Run("migrate", "copy");
        var status = JsonDocument.Parse((await Run("migrate", "status", "--json")).Output).RootElement;
        var verify = await Run("migrate", "verify");
        var finish = await Run("migrate", "finish");

        Assert.Contains("100 %", set.Output);
        Assert.Contains("0 still waiting", copy.Output);
        Assert.Equal(0, status.GetProperty("onSource").GetInt32());
        Assert.Equal(0, status.GetProperty("waitingToMove").GetInt32());
        Assert.Contains("3 verified, 0 differ", verify.Output);
        Assert.Contains("deleted the source keys of 3 users", finish.Output);
        foreach (var user in users)
        {
            var stats = JsonDocument.Parse((await Run("stats", "--user", user, "--json")).Output).RootElement;
            Assert.Equal(1, stats.GetProperty("memoryCount").GetInt32());
        }
    }

    [Fact]
    public async Task MigrateSet_PercentOutOfRange_ExitsOneNamingTheField()
    {
        var outcome = await CliInvocation.RunAsync("migrate", "set", "--percent", "101", "--gateway", Gateway, "--token", _admin);

        Assert.True(outcome.ExitCode == 1, $"exit code {outcome.ExitCode}: {outcome.Error}");
        Assert.StartsWith("error: percent: 101 is out of range; allowed: 0 to 100", outcome.Error.Trim());
    }

    private string Gateway => $"127.0.0.1:{_silo!.GatewayPort}";

    private async Task<CliOutcome> Run(params string[] args)
    {
        var outcome = await CliInvocation.RunAsync([.. args, "--gateway", Gateway, "--token", _admin]);
        Assert.True(outcome.ExitCode == 0, $"tripsage {string.Join(' ', args)} exited {outcome.ExitCode}: {outcome.Error}");
        return outcome;
    }
}
