namespace TripSage.Memory.Mcp.Results;

/// <summary>The memory <c>delete_memory</c> deleted.</summary>
internal sealed record DeleteMemoryResult(string MemoryId, bool Deleted);
