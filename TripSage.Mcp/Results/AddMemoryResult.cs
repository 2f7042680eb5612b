namespace TripSage.Memory.Mcp.Results;

/// <summary>What <c>add_memory</c> did.</summary>
/// <param name="MemoryId">The new memory's id, or the id of the memory that already holds exactly this text.</param>
/// <param name="Status"><c>stored</c>, or <c>duplicate</c> when nothing new was stored.</param>
/// <param name="Flags">The content rules the text matched; empty when none did.</param>
/// <param name="Quarantined">Held but left out of search and context until an admin releases it.</param>
internal sealed record AddMemoryResult(string MemoryId, string Status, IReadOnlyList<string> Flags, bool Quarantined);
