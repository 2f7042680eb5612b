using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using TripSage.Memory.Cli.Arguments;
using TripSage.Memory.Cli.Grid;
using TripSage.Memory.Cli.Output;
using TripSage.Memory.Mcp;

namespace TripSage.Memory.Cli.Commands;

/// <summary>
/// <c>mcp</c>: serves the memory tools over stdio (MCP) for desktop agents that launch MCP servers as
/// processes, talking to the grid over the gateway. The user is the token's subject; standard output
/// carries the protocol only, so every other word goes to standard error.
/// </summary>
internal static class McpCommand
{
    public static Command Create(GlobalOptions options, GridConnectionOptions connection, TextWriter error)
    {
        var command = new Command(
            "mcp",
            "Serve the memory tools (add_memory, search_memories, ...) to an MCP client over stdio, for the user the token names. "
            + $"Needs --token or ${GlobalOptions.TokenVariable}; connects to the grid before it serves, and runs until the client closes standard input.");
        command.SetAction((parse, cancellationToken) => ServeAsync(options, connection, parse, error, cancellationToken));
        return command;
    }

    private static async Task<int> ServeAsync(GlobalOptions options, GridConnectionOptions connection, ParseResult parse, TextWriter error, CancellationToken cancellationToken)
    {
        var token = options.TokenOf(parse);
        await using var grid = new GridConnection(options.GatewaysOf(parse), parse.GetValue(options.ClusterId), parse.GetValue(options.ServiceId), token, options.TimeoutOf(parse), connection) { Tls = options.TlsOf(parse) };
        try
        {
            var caller = CallerOf(token);

            // Connected before serving, so an unreachable grid is one error line and exit code 3
            // rather than a server whose every tool fails.
            var memory = await grid.GetClientAsync(cancellationToken);

            // An empty builder: no console logging, so standard output carries nothing but MCP messages.
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddSingleton(memory);
            builder.Services.AddSingleton(caller);
            builder.Services.AddTripSageMemoryMcpServer().WithStdioServerTransport();
            using var host = builder.Build();
            await host.RunAsync(cancellationToken);
            return ExitCodes.Success;
        }
        catch (CommandInputException exception)
        {
            return Fail(error, ExitCodes.Usage, exception.Message);
        }
        catch (GridUnreachableException exception)
        {
            return Fail(error, ExitCodes.GridUnreachable, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>
    /// The token's subject, read without checking the signature: the grid checks the token on every
    /// call, and this only decides whose memory the tools ask for.
    /// </summary>
    private static MemoryToolCaller CallerOf(string? token)
    {
        if (token is null)
        {
            throw new CommandInputException($"mcp needs a bearer token: --token or ${GlobalOptions.TokenVariable} (in Development: tripsage token --user <id>); the tools work on that token's user");
        }

        string? subject;
        try
        {
            subject = new JsonWebToken(token).Subject;
        }
        catch (ArgumentException)
        {
            throw new CommandInputException("--token: not a JWT (three base64url parts separated by dots)");
        }

        try
        {
            UserIds.Validate(subject);
        }
        catch (MemoryValidationException)
        {
            throw new CommandInputException($"--token: its subject (sub) is not a user id; allowed: {UserIds.Allowed}");
        }

        return new MemoryToolCaller(subject, token);
    }

    private static int Fail(TextWriter error, int exitCode, string reason)
    {
        ErrorLine.Write(error, reason);
        return exitCode;
    }
}
