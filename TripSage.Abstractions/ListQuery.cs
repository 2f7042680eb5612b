namespace TripSage.Memory;

/// <summary>One page of a listing, newest first.</summary>
/// <param name="Offset">How many memories of the listing to skip.</param>
/// <param name="Limit">How many memories at most on this page.</param>
/// <param name="Category">Only memories of this category.</param>
/// <param name="Tags">Only memories carrying all of these tags with these values.</param>
[GenerateSerializer, Immutable]
public sealed record ListQuery(
    [property: Id(0)] int Offset = 0,
    [property: Id(1)] int Limit = 50,
    [property: Id(2)] string? Category = null,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Tags = null);
