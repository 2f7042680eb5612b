namespace TripSage.Memory.Mcp.Results;

/// <summary>A page of the user's memories, newest first (<c>get_memories</c>).</summary>
/// <param name="Memories">The memories on this page.</param>
/// <param name="Total">How many memories match in all.</param>
/// <param name="NextOffset">The offset of the next page, or <see langword="null"/> on the last page.</param>
internal sealed record MemoryListResult(IReadOnlyList<AgentMemory> Memories, int Total, int? NextOffset);
