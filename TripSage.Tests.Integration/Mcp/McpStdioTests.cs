using System.Diagnostics;
using ModelContextProtocol.Client;
using TripSage.Memory.Cli.Commands;
using TripSage.Memory.Harness;
using TripSage.Memory.Tests.Integration.Deploy;
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

    /// <summary>
    /// The CLI in its own build output (same configuration and framework as these tests): the copy beside
    /// the tests lacks what the CLI takes from NuGet while the tests take it from the ASP.NET Core framework.
    /// </summary>
    private static readonly string CliAssembly = FindCli();

    [Fact]
    public async Task Mcp_WithoutToken_ExitsWithAUsageErrorBeforeServing()
    {
        var start = new ProcessStartInfo(ChildProcess.DotnetHost, [CliAssembly, "mcp", "--gateway", Fixture.Gateway])
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
            Command = ChildProcess.DotnetHost,
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

    [Fact]
    public async Task Tools_WithATokenSignedByAnotherKey_AreDeniedAndChangeNothing()
    {
        // The stdio server cannot check a signature (it holds no key): the grid does, on every call.
        var user = TestUsers.New();
        await using var forged = await ConnectAsync(TestTokens.For(user, signingKey: TestTokens.SigningKey));
        await using var genuine = await ConnectAsync(Fixture.TokenFor(user));

        var added = await CallRawAsync(forged, "add_memory", new() { ["text"] = "Written with a forged token" });

        Assert.True(added.IsError);
        Assert.Equal("denied", added.Meta?["error"]?.GetValue<string>());
        Assert.StartsWith("Access denied:", TextOf(added));
        Assert.Equal(0, (await CallAsync(genuine, "get_memories", new())).GetProperty("total").GetInt32());
    }

    protected override async Task<McpClient> ConnectAsync(string token)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "tripsage",
            Command = ChildProcess.DotnetHost,
            Arguments = [CliAssembly, "mcp", "--gateway", Fixture.Gateway, "--token", token],
        });
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        return await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
    }

    private static string FindCli()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepositoryFiles.Root, "TripSage.Cli", "bin", testOutput.Parent!.Name, testOutput.Name, "tripsage.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"the CLI is not built at {path}: build the solution first", path);
    }

    /// <summary>The dotnet host running these tests, so the CLI runs on the same runtime.</summary>
}
