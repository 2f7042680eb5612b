namespace TripSage.Memory.Grains;

/// <summary>
/// What an idempotency key stands for: the memory its remember stored, and when. Public only because
/// <see cref="UserMemoryState"/> is.
/// </summary>
/// <param name="MemoryId">The id of the memory the keyed item stored.</param>
/// <param name="At">When it was stored; the key is dropped <see cref="MemoryOptions.IdempotencyKeyLifetime"/> later.</param>
[GenerateSerializer, Immutable]
public sealed record RememberedKey([property: Id(0)] string MemoryId, [property: Id(1)] DateTimeOffset At);
