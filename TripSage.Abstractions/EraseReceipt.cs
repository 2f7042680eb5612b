namespace TripSage.Memory;

/// <summary>Proof that a user's memory was erased.</summary>
/// <param name="UserId">The user erased.</param>
/// <param name="ReceiptId">A unique id for this erasure, to quote in correspondence.</param>
/// <param name="ErasedAt">When the state was deleted from the store.</param>
/// <param name="MemoriesErased">How many memories were deleted.</param>
/// <param name="PreferencesErased">How many preferences were deleted.</param>
[GenerateSerializer, Immutable]
public sealed record EraseReceipt(
    [property: Id(0)] string UserId,
    [property: Id(1)] string ReceiptId,
    [property: Id(2)] DateTimeOffset ErasedAt,
    [property: Id(3)] int MemoriesErased,
    [property: Id(4)] int PreferencesErased);
