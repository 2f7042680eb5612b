namespace TripSage.Memory;

/// <summary>Where a store migration stands.</summary>
/// <param name="Percent">The rollout percentage: users whose bucket (0–99) is below it live on the target store.</param>
/// <param name="Epoch">Grows by one with every change of the percentage.</param>
/// <param name="ChangedAt">When the percentage was last set.</param>
/// <param name="Users">Users with keys on either store.</param>
/// <param name="OnSource">Users living on the source store.</param>
/// <param name="OnTarget">Users living on the target store (copied there).</param>
/// <param name="WaitingToMove">Users whose store is not yet the one the rollout says (moved at their next activation or by <c>migrate copy</c>).</param>
/// <param name="Verified">Users on the target whose copy passed verification.</param>
/// <param name="VerifyFailed">Users on the target whose copy failed verification.</param>
/// <param name="Moves">Moves of a user's keys between the stores so far, either way, by activations and <c>migrate copy</c>.</param>
/// <param name="MovedBytes">Bytes those moves copied.</param>
[GenerateSerializer, Immutable]
public sealed record MigrationStatus(
    [property: Id(0)] int Percent,
    [property: Id(1)] long Epoch,
    [property: Id(2)] DateTimeOffset ChangedAt,
    [property: Id(3)] int Users,
    [property: Id(4)] int OnSource,
    [property: Id(5)] int OnTarget,
    [property: Id(6)] int WaitingToMove,
    [property: Id(7)] int Verified,
    [property: Id(8)] int VerifyFailed,
    [property: Id(9)] long Moves,
    [property: Id(10)] long MovedBytes);
