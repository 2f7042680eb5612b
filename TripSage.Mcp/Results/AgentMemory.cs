namespace TripSage.Memory.Mcp.Results;

/// <summary>A stored memory as the tools return it: what an agent reads, without embeddings.</summary>
internal sealed record AgentMemory(
    string Id,
    string Text,
    string? Category,
    IReadOnlyDictionary<string, string> Tags,
    string? Source,
    string? SessionId,
    string? Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpiresAt,
    int Version,
    IReadOnlyList<string> Flags,
    bool Quarantined)
{
    public static AgentMemory From(MemoryRecord memory) => new(
        memory.Id,
        memory.Text,
        memory.Category,
        memory.Tags,
        memory.Source,
        memory.SessionId,
        memory.Role,
        memory.CreatedAt,
        memory.UpdatedAt,
        memory.ExpiresAt,
        memory.Version,
        memory.Flags,
        memory.Quarantined);
}
