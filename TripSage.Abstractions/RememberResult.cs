namespace TripSage.Memory;

/// <summary>What became of each item of a remember or add-conversation call.</summary>
[GenerateSerializer, Immutable]
public sealed record RememberResult([property: Id(0)] IReadOnlyList<RememberOutcome> Outcomes)
{
    /// <summary>How many items were stored as new memories.</summary>
    public int StoredCount => Outcomes.Count(o => o.Status == RememberStatus.Stored);
}
