namespace TripSage.Memory.Hosting.Http;

/// <summary>The body of <c>POST /v1/users/{userId}/memories</c>: a batch of memories to store.</summary>
/// <param name="Memories">1 to <c>TripSage:Memory:MaxBatchSize</c> memories; each gets its own outcome.</param>
internal sealed record RememberRequest(IReadOnlyList<NewMemory> Memories);
