namespace TripSage.Memory;

/// <summary>What <c>migrate finish</c> did.</summary>
/// <param name="Deleted">Users whose source keys were deleted (their copy on the target passed verification).</param>
/// <param name="NotVerified">Users on the target whose source keys were kept: not verified, or verification failed.</param>
[GenerateSerializer, Immutable]
public sealed record MigrationFinishReport(
    [property: Id(0)] int Deleted,
    [property: Id(1)] int NotVerified);
