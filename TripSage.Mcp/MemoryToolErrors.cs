using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace TripSage.Memory.Mcp;

/// <summary>
/// Turns what the grid refuses into MCP tool errors an agent can act on: the text says what to change
/// or when to retry, and <c>_meta</c> carries the same as data (<c>error</c>, and
/// <c>retryAfterSeconds</c> for a rate limit). Anything else is left to the SDK, which answers with a
/// generic tool error: never a stack trace.
/// </summary>
internal static class MemoryToolErrors
{
    // The grid's refusals carry the names the audit trail and the metrics' outcome label give them
    // (TripSage.Grains/Operations/OperationOutcome.cs): one name per outcome, whoever reads it.
    public const string Invalid = "invalid";
    public const string NotFound = "not_found";
    public const string RateLimited = "rate_limited";
    public const string Denied = "denied";
    public const string Rejected = "rejected";
    public const string StoreUnavailable = "store_unavailable";
    public const string SnapshotUnreadable = "snapshot_unreadable";

    // What only a caller outside the grid sees: no silo answered, or not in time.
    public const string GridUnreachable = "grid_unreachable";
    public const string Timeout = "timeout";

    /// <summary>The key of the error code in a tool error's <c>_meta</c>.</summary>
    public const string ErrorKey = "error";

    /// <summary>The key of the seconds to wait in a rate-limited tool error's <c>_meta</c>.</summary>
    public const string RetryAfterKey = "retryAfterSeconds";

    private const string NothingChanged = " Nothing was changed.";

    /// <summary>The tool error for <paramref name="exception"/>, or <see langword="null"/> when it is not a refusal of the grid's.</summary>
    public static MemoryToolException? From(Exception exception, ArgumentNames names) => exception switch
    {
        MemoryValidationException invalid => new(Invalid, $"Invalid argument {names.Reword(invalid.Field, invalid.Message)}{NothingChanged}"),
        MemoryNotFoundException missing => MemoryNotFound(missing.MemoryId),
        RateLimitExceededException limited => new(
            RateLimited,
            $"Rate limited: this user's {limited.OperationClass} operations are used up for now; retry after {Seconds(limited.RetryAfter)} s.{NothingChanged}",
            limited.RetryAfter),
        AccessDeniedException denied => new(Denied, $"Access denied: {denied.Reason}.{NothingChanged}"),
        MemoryRejectedException rejected => new(Rejected, names.Reword(rejected.Field, rejected.Message)),
        StoreUnavailableException { OutcomeUnknown: true } =>
            new(StoreUnavailable, "The memory store stopped answering during the call; the change may or may not have been made. Check (get_memories, get_memory) before retrying."),
        StoreUnavailableException => new(StoreUnavailable, $"The memory store did not answer; retry in a few seconds.{NothingChanged}"),
        SnapshotUnreadableException => new(SnapshotUnreadable, "This user's stored memory cannot be read until an operator fixes the grid's key ring or store; retrying will not help."),
        // The client already retried what is safe to retry. When the call may have reached the grain, say so rather than claim nothing changed.
        GridUnavailableException { OutcomeUnknown: true } or TimeoutException =>
            new(Timeout, "The memory grid did not answer in time; the change may or may not have been made. Check (get_memories, get_memory) before retrying."),
        GridUnavailableException or SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException =>
            new(GridUnreachable, $"The memory grid cannot be reached (no silo answered); retry once it is back.{NothingChanged}"),
        _ => null,
    };

    /// <summary>The tool error for a memory id the user does not hold.</summary>
    public static MemoryToolException MemoryNotFound(string memoryId) =>
        new(NotFound, $"This user holds no memory with id '{memoryId}'. get_memories or search_memories list the ids there are.");

    /// <summary>
    /// The call-tool filter: a refusal becomes an error result here rather than an exception, so the
    /// SDK neither hides its message nor logs it (messages may quote ids the agent sent).
    /// </summary>
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
        {
            try
            {
                return await next(request, cancellationToken);
            }
            catch (MemoryToolException refused)
            {
                return Result(refused);
            }
            catch (Exception exception) when (exception is ArgumentException or JsonException)
            {
                // The SDK binds arguments before the tool runs: a missing or mistyped argument fails there,
                // with a message that names a missing argument but not a mistyped one.
                var problem = ArgumentTypes.Mistyped(request?.Params, (request?.MatchedPrimitive as McpServerTool)?.ProtocolTool) is { } mistyped
                    ? $"Invalid argument {mistyped}."
                    : $"Invalid arguments: {exception.Message}";
                return Result(new MemoryToolException(Invalid, problem + NothingChanged));
            }
        };

    private static CallToolResult Result(MemoryToolException refused)
    {
        var meta = new JsonObject { [ErrorKey] = refused.Error };
        if (refused.RetryAfter is { } retryAfter)
        {
            meta[RetryAfterKey] = Math.Round(retryAfter.TotalSeconds, 3);
        }

        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = refused.Message }],
            Meta = meta,
        };
    }

    private static string Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3).ToString(CultureInfo.InvariantCulture);
}
