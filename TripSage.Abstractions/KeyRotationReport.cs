namespace TripSage.Memory;

/// <summary>What a data-key re-wrap did.</summary>
/// <param name="CurrentKeyId">The master key every data key is now wrapped with.</param>
/// <param name="Rewrapped">Data keys that were wrapped with an older master key and now are not.</param>
/// <param name="AlreadyCurrent">Data keys that needed nothing.</param>
[GenerateSerializer, Immutable]
public sealed record KeyRotationReport(
    [property: Id(0)] string CurrentKeyId,
    [property: Id(1)] int Rewrapped,
    [property: Id(2)] int AlreadyCurrent);
