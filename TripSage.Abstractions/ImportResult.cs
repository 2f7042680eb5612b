namespace TripSage.Memory;

/// <summary>What an import loaded.</summary>
/// <param name="Imported">How many memories were added.</param>
/// <param name="Skipped">How many were left out because the user already holds a memory with that id or that text.</param>
/// <param name="PreferencesSet">How many preferences were set.</param>
[GenerateSerializer, Immutable]
public sealed record ImportResult(
    [property: Id(0)] int Imported,
    [property: Id(1)] int Skipped,
    [property: Id(2)] int PreferencesSet);
