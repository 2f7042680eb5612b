using System.Diagnostics;
using ModelContextProtocol.Client;
using TripSage.Memory.Cli.Commands;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Mcp;

/// <summary>
/// The memory tools through <c>tripsage mcp</c>, launched as a real process the way a desktop agent
/// launches it, talking to the silo over the gateway.
/// </summary>
[Collection(McpSiloCollection.Name)]
public sealed class McpStdioTests(McpSiloFixture fixture) : McpToolContract(fixture)
{
    // Process start, the Orleans client's start and connect on a loaded machine.
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The CLI as the test build has it: the referenced project's output is copied beside the tests.</summary>
    private static readonly string CliAssembly = Path.Combine(AppContext.BaseDirectory, "tripsage.dll");

    [Fact]
    public async Task Mcp_WithoutToken_ExitsWithAUsageErrorBeforeServing()
    {
        var start = new ProcessStartInfo(DotnetHost(), [CliAssembly, "mcp", "--gateway", Fixture.Gateway])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove(GlobalOptions.TokenVariable);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(ProcessTimeout);

        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("error: mcp needs a bearer token", error);
        Assert.Equal("", await output);
    }

    [Fact]
    public async Task Session_WithoutToken_IsRefused()
    {
        var stderr = new List<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "tripsage",
            Command = DotnetHost(),
            Arguments = [CliAssembly, "mcp", "--gateway", Fixture.Gateway],
            EnvironmentVariables = new Dictionary<string, string?> { [GlobalOptions.TokenVariable] = null },
            StandardErrorLines = line => { lock (stderr) { stderr.Add(line); } },
        });

        await Assert.ThrowsAnyAsync<Exception>(() => McpClient.CreateAsync(transport));

        lock (stderr)
        {
            Assert.Contains(stderr, line => line.StartsWith("error: mcp needs a bearer token", StringComparison.Ordinal));
        }
    }

    protected override async Task<McpClient> ConnectAsync(string token)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "tripsage",
            Command = DotnetHost(),
            Arguments = [CliAssembly, "mcp", "--gateway", Fixture.Gateway, "--token", token],
        });
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        return await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
    }

    /// <summary>The dotnet host running these tests, so the CLI runs on the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
