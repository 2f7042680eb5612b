namespace TripSage.Memory.Mcp.Results;

/// <summary>What <c>search_memories</c> found, best match first.</summary>
internal sealed record SearchMemoriesResult(IReadOnlyList<SearchHitResult> Results, int Count);
