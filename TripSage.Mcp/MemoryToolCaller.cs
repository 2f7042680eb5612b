namespace TripSage.Memory.Mcp;

/// <summary>
/// Whose memory the MCP tools work on: the user named by the caller's bearer token, never an argument
/// of a tool. The token goes with every grain call, where the grain call filter checks it again.
/// </summary>
/// <param name="UserId">The token's subject (<c>sub</c>): the only user the tools reach.</param>
/// <param name="Token">The caller's bearer token (JWT), forwarded to the grid with each call.</param>
public sealed record MemoryToolCaller(string UserId, string Token)
{
    /// <summary>Keeps the token out of logs and debugger views.</summary>
    public override string ToString() => $"{nameof(MemoryToolCaller)} {{ {nameof(UserId)} = {UserId} }}";
}
