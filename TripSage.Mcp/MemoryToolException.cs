namespace TripSage.Memory.Mcp;

/// <summary>
/// A tool call the grid refused, worded for the agent that made it: returned to the agent as an MCP
/// tool error (<c>isError</c>), never thrown past the tool pipeline.
/// </summary>
/// <param name="error">What kind of refusal, one of <see cref="MemoryToolErrors"/>' codes, for agents that branch on it.</param>
/// <param name="message">What went wrong and what to do about it; no stack trace, no memory text.</param>
/// <param name="retryAfter">When the call can succeed if retried, for a rate limit.</param>
internal sealed class MemoryToolException(string error, string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public string Error { get; } = error;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
