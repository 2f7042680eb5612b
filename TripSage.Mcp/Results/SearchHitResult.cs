namespace TripSage.Memory.Mcp.Results;

/// <summary>One memory found by <c>search_memories</c>.</summary>
/// <param name="Memory">The memory.</param>
/// <param name="Score">Relevance; higher is better, comparable only within one search.</param>
internal sealed record SearchHitResult(AgentMemory Memory, double Score);
