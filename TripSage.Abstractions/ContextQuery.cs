namespace TripSage.Memory;

/// <summary>How to build a user's context.</summary>
/// <param name="PerCategory">How many of the most recent memories to take from each category.</param>
[GenerateSerializer, Immutable]
public sealed record ContextQuery([property: Id(0)] int PerCategory = 5);
