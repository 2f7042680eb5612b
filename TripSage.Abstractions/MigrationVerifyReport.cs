namespace TripSage.Memory;

/// <summary>What <c>migrate verify</c> found.</summary>
/// <param name="Checked">Users on the target store that were compared with their source copy.</param>
/// <param name="Verified">Users whose target copy matches, or continues, the source copy.</param>
/// <param name="Differences">Every user that did not verify, with the reason.</param>
[GenerateSerializer, Immutable]
public sealed record MigrationVerifyReport(
    [property: Id(0)] int Checked,
    [property: Id(1)] int Verified,
    [property: Id(2)] IReadOnlyList<MigrationDifference> Differences);
