namespace TripSage.Memory;

/// <summary>What one re-embed call did; call again while <see cref="Remaining"/> is above zero.</summary>
/// <param name="Reembedded">Memories embedded again in this call.</param>
/// <param name="Remaining">Memories still embedded with another model, or not at all.</param>
/// <param name="Model">The model every memory is being moved to.</param>
[GenerateSerializer, Immutable]
public sealed record ReembedResult(
    [property: Id(0)] int Reembedded,
    [property: Id(1)] int Remaining,
    [property: Id(2)] string Model);
