namespace TripSage.Memory;

/// <summary>A user whose target copy does not match its source copy, and how.</summary>
[GenerateSerializer, Immutable]
public sealed record MigrationDifference(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Reason);
