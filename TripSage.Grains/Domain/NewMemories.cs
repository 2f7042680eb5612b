namespace TripSage.Memory.Grains.Domain;

/// <summary>
/// The plan for a remember or conversation: each item's outcome, what is to be stored, how many were
/// duplicates, and the idempotency keys of the items to store (key, memory id).
/// </summary>
internal sealed record NewMemories(IReadOnlyList<RememberOutcome> Outcomes, List<MemoryRecord> Accepted, int Duplicates)
{
    /// <summary>The idempotency keys of accepted items, with the id each stores.</summary>
    public IReadOnlyList<(string Key, string MemoryId)> Keys { get; init; } = [];

    /// <summary>Every memory id the call touched: the new ones and those the duplicates matched.</summary>
    public IEnumerable<string> TouchedIds => Outcomes.Select(o => o.MemoryId).Distinct(StringComparer.Ordinal);
}
