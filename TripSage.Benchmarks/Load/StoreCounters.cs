namespace TripSage.Memory.Benchmarks.Load;

/// <summary>The store's own totals at one moment, from its <c>INFO stats</c> section.</summary>
/// <param name="Commands"><c>total_commands_processed</c>.</param>
/// <param name="InputBytes"><c>total_net_input_bytes</c>: bytes clients sent, the writes' payloads included.</param>
internal sealed record StoreCounters(long Commands, long InputBytes);
