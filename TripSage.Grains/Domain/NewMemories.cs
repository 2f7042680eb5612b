namespace TripSage.Memory.Grains.Domain;

/// <summary>The plan for a remember or conversation: each item's outcome, what is to be stored and how many were duplicates.</summary>
internal sealed record NewMemories(IReadOnlyList<RememberOutcome> Outcomes, List<MemoryRecord> Accepted, int Duplicates)
{
    /// <summary>Every memory id the call touched: the new ones and those the duplicates matched.</summary>
    public IEnumerable<string> TouchedIds => Outcomes.Select(o => o.MemoryId).Distinct(StringComparer.Ordinal);
}
