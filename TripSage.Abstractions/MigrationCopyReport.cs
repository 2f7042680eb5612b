namespace TripSage.Memory;

/// <summary>What one round of <c>migrate copy</c> did.</summary>
/// <param name="Moved">Users whose keys were copied to the store the rollout says.</param>
/// <param name="Busy">Users another copy (an activation) was moving at the same time; taken again in a later round.</param>
/// <param name="Remaining">Users still waiting to move after this round.</param>
/// <param name="Bytes">Bytes copied in this round.</param>
[GenerateSerializer, Immutable]
public sealed record MigrationCopyReport(
    [property: Id(0)] int Moved,
    [property: Id(1)] int Busy,
    [property: Id(2)] int Remaining,
    [property: Id(3)] long Bytes);
