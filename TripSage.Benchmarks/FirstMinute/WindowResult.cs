namespace TripSage.Memory.Benchmarks.FirstMinute;

/// <summary>One window of the load after a fresh start (<paramref name="End"/>: its end, counted from the load's start).</summary>
internal sealed record WindowResult(TimeSpan End, double OpsPerSecond, double P50Ms, double P99Ms, double SiloCpuMsPerOp, long Errors);
