using System.Diagnostics;
using TripSage.Memory.Cli;
using TripSage.Memory.Cli.Grid;

namespace TripSage.Memory.Tests.Integration.Cli;

/// <summary>
/// The tool's contract with shells and scripts, checked without a cluster. Commands point at a closed
/// port: a command that wrongly tried to connect would exit with <see cref="ExitCodes.GridUnreachable"/>
/// instead of the code asserted.
/// </summary>
public sealed class CliApplicationTests
{
    // Process start-up, host build and teardown on a loaded test machine, on top of the connect timeout.
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task RunAsync_EraseWithoutYes_ExitsTwoWithoutConnecting()
    {
        var outcome = await CliInvocation.RunAsync("erase", "--user", "alice", "--gateway", CliInvocation.ClosedGateway);

        Assert.True(outcome.ExitCode == ExitCodes.Usage, outcome.Error);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith("error: erase permanently deletes", line);
        Assert.Contains("--yes", line);
        Assert.Empty(outcome.Output);
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_ExitsTwoWithOneErrorLine()
    {
        var outcome = await CliInvocation.RunAsync("remmeber", "--user", "alice");

        Assert.True(outcome.ExitCode == ExitCodes.Usage, outcome.Error);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains("'remmeber'", line);
    }

    [Fact]
    public async Task RunAsync_MissingUser_ExitsTwoNamingUserOption()
    {
        var outcome = await CliInvocation.RunAsync("stats", "--gateway", CliInvocation.ClosedGateway);

        Assert.True(outcome.ExitCode == ExitCodes.Usage, outcome.Error);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains("--user", line);
    }

    [Fact]
    public async Task RunAsync_TagWithoutValue_ExitsTwoWithTagMessage()
    {
        var outcome = await CliInvocation.RunAsync("remember", "--user", "alice", "--text", "window seat", "--tag", "k=", "--gateway", CliInvocation.ClosedGateway);

        Assert.True(outcome.ExitCode == ExitCodes.Usage, outcome.Error);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith("error: --tag 'k=' has no value", line);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    public async Task RunAsync_TimeoutOutOfRange_ExitsTwoNamingTheOption(string seconds)
    {
        var outcome = await CliInvocation.RunAsync("stats", "--user", "alice", "--timeout", seconds, "--gateway", CliInvocation.ClosedGateway);

        Assert.True(outcome.ExitCode == ExitCodes.Usage, outcome.Error);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith($"error: --timeout {seconds} is out of range; allowed: 1 to 300 seconds", line);
    }

    [Fact]
    public async Task RunAsync_UnreadableExpiry_ExitsTwoWithExpiryMessage()
    {
        var outcome = await CliInvocation.RunAsync("remember", "--user", "alice", "--text", "window seat", "--expires", "next week", "--gateway", CliInvocation.ClosedGateway);

        Assert.True(outcome.ExitCode == ExitCodes.Usage, outcome.Error);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith("error: --expires 'next week' is not understood", line);
    }

    [Fact]
    public async Task RunAsync_InvalidUserId_ExitsOneNamingFieldWithoutConnecting()
    {
        var outcome = await CliInvocation.RunAsync("stats", "--user", "-alice", "--gateway", CliInvocation.ClosedGateway);

        Assert.True(outcome.ExitCode == ExitCodes.GridFailure, outcome.Error);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith("error: userId: ", line);
        Assert.Contains(UserIds.Allowed, line);
    }

    [Fact]
    public async Task RunAsync_MalformedImportFile_ExitsTwoNamingFileAndProblem()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tripsage-cli-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{ \"userId\": \"alice\", \"memories\": [");
        try
        {
            var outcome = await CliInvocation.RunAsync("import", "--user", "alice", "--in", file, "--gateway", CliInvocation.ClosedGateway);

            Assert.True(outcome.ExitCode == ExitCodes.Usage, outcome.Error);
            var line = Assert.Single(outcome.ErrorLines);
            Assert.StartsWith($"error: {file} is not a valid export document: ", line);
            Assert.Contains("LineNumber", line);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RunAsync_UnreachableGateway_ExitsThreeWithStartHintInBoundedTime()
    {
        var connectTimeout = new GridConnectionOptions().ConnectTimeout;
        var clock = Stopwatch.StartNew();

        var outcome = await CliInvocation.RunAsync("stats", "--user", "alice", "--gateway", CliInvocation.ClosedGateway)
            .WaitAsync(connectTimeout + StartupAllowance + StartupAllowance);

        Assert.True(clock.Elapsed < connectTimeout + StartupAllowance, $"took {clock.Elapsed}");
        Assert.True(outcome.ExitCode == ExitCodes.GridUnreachable, outcome.Error);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith($"error: cannot reach the grid at {CliInvocation.ClosedGateway} ", line);
        Assert.EndsWith("is a silo running? start one with: dotnet run --project TripSage.Silo", line);
        Assert.Empty(outcome.Output);
    }

    [Fact]
    public async Task RunAsync_GatewayNotHostPort_ExitsTwoNamingGatewayOption()
    {
        var outcome = await CliInvocation.RunAsync("stats", "--user", "alice", "--gateway", "localhost");

        Assert.True(outcome.ExitCode == ExitCodes.Usage, outcome.Error);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith("error: --gateway: ", line);
    }

    [Fact]
    public async Task RunAsync_Help_ExitsZeroListingEveryCommand()
    {
        var outcome = await CliInvocation.RunAsync("--help");

        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        foreach (var command in new[] { "remember", "search", "context", "list", "get", "update", "forget", "prefs", "export", "import", "erase", "stats" })
        {
            Assert.Contains($"  {command} ", outcome.Output);
        }

        Assert.Empty(outcome.Error);
    }
}
