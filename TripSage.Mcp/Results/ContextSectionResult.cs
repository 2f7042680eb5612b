namespace TripSage.Memory.Mcp.Results;

/// <summary>The most recent memories of one category, newest first.</summary>
internal sealed record ContextSectionResult(string Category, IReadOnlyList<AgentMemory> Memories);
