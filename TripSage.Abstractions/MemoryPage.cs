namespace TripSage.Memory;

/// <summary>A page of memories.</summary>
/// <param name="Items">The memories on this page.</param>
/// <param name="Total">How many memories match the listing in all.</param>
/// <param name="NextOffset">The offset of the next page, or <see langword="null"/> on the last page.</param>
[GenerateSerializer, Immutable]
public sealed record MemoryPage(
    [property: Id(0)] IReadOnlyList<MemoryRecord> Items,
    [property: Id(1)] int Total,
    [property: Id(2)] int? NextOffset);
