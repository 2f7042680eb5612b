using System.CommandLine;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using TripSage.Memory.Cli.Arguments;
using TripSage.Memory.Cli.Grid;
using TripSage.Memory.Cli.Output;
using TripSage.Memory.Client;

namespace TripSage.Memory.Cli.Commands;

/// <summary>
/// Runs a command against the grid the same way for every command: checks the user id, connects,
/// prints the result (human or JSON) and turns every failure into one error line and an exit code.
/// </summary>
internal sealed class GridCommandRunner(GlobalOptions options, GridConnectionOptions connection, TextWriter output, TextWriter error)
{
    /// <summary>Runs a call that needs the grid from the start.</summary>
    /// <param name="exitCodeOf">The exit code of a result that was printed; success when not given.</param>
    public Task<int> RunAsync<TResult>(
        ParseResult parse,
        Func<IMemoryClient, string, Task<TResult>> call,
        Action<TextWriter, TResult> writeHuman,
        CancellationToken cancellationToken,
        Func<TResult, int>? exitCodeOf = null) =>
        RunAsync(parse, async grid => await call(await grid.ConnectAsync(), grid.UserId), writeHuman, cancellationToken, exitCodeOf);

    /// <summary>Runs a call that may do local work (read a file) before it connects.</summary>
    /// <param name="exitCodeOf">The exit code of a result that was printed (a report that found problems); success when not given.</param>
    public async Task<int> RunAsync<TResult>(
        ParseResult parse,
        Func<GridCall, Task<TResult>> call,
        Action<TextWriter, TResult> writeHuman,
        CancellationToken cancellationToken,
        Func<TResult, int>? exitCodeOf = null)
    {
        await using var grid = new GridConnection(options.GatewaysOf(parse), parse.GetValue(options.ClusterId), parse.GetValue(options.ServiceId), options.TokenOf(parse), options.TimeoutOf(parse), connection) { Tls = options.TlsOf(parse) };
        try
        {
            // Commands on one user require --user (the parser enforces it); grid-wide ones have none.
            var userId = parse.GetValue(options.User);

            // Checked here as well as in the client so a mistyped id fails at once, without a silo.
            if (userId is not null)
            {
                UserIds.Validate(userId);
            }

            var result = await call(new GridCall(userId ?? string.Empty, grid, cancellationToken));
            if (parse.GetValue(options.Json))
            {
                JsonOutput.Write(output, result);
            }
            else
            {
                writeHuman(output, result);
            }

            return exitCodeOf?.Invoke(result) ?? ExitCodes.Success;
        }
        catch (CommandInputException exception)
        {
            return Fail(ExitCodes.Usage, exception.Message);
        }
        catch (AuditTrailBrokenException exception)
        {
            return Fail(ExitCodes.GridFailure, exception.Message);
        }
        catch (GridUnreachableException exception)
        {
            return Fail(ExitCodes.GridUnreachable, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(ExitCodes.Cancelled, "cancelled");
        }
        catch (Exception exception) when (exception is MemoryValidationException or MemoryNotFoundException or SnapshotUnreadableException
            or AccessDeniedException or RateLimitExceededException or MemoryRejectedException)
        {
            return Fail(ExitCodes.GridFailure, exception.Message);
        }
        catch (GridUnavailableException exception) when (exception.OutcomeUnknown)
        {
            return Fail(ExitCodes.GridFailure, exception.Message);
        }
        catch (GridUnavailableException exception)
        {
            return Fail(ExitCodes.GridUnreachable, $"{exception.Message} ({grid.Gateways}); {grid.StartHint}");
        }
        catch (Exception exception) when (exception is ConnectionFailedException or SiloUnavailableException or OrleansMessageRejectionException)
        {
            return Fail(ExitCodes.GridUnreachable, $"lost the connection to the grid at {grid.Gateways} ({exception.Message}); {grid.StartHint}");
        }
        catch (TimeoutException exception)
        {
            return Fail(ExitCodes.GridFailure, $"the grid did not answer in time ({exception.Message}); a call that does much work, such as a large import, may need a longer --timeout");
        }
        catch (Exception exception)
        {
            // Anything else is unexpected; its type tells a maintainer where to look.
            return Fail(ExitCodes.GridFailure, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private int Fail(int exitCode, string reason)
    {
        ErrorLine.Write(error, reason);
        return exitCode;
    }
}
