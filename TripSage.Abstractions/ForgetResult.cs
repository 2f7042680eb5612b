namespace TripSage.Memory;

/// <summary>What a forget call deleted.</summary>
/// <param name="Forgotten">Ids that were deleted.</param>
/// <param name="NotFound">Ids the user did not hold.</param>
[GenerateSerializer, Immutable]
public sealed record ForgetResult(
    [property: Id(0)] IReadOnlyList<string> Forgotten,
    [property: Id(1)] IReadOnlyList<string> NotFound);
