namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>One load call: when it started (since the load began) and how long it took, failed or not.</summary>
internal readonly record struct CallSample(TimeSpan StartedAt, TimeSpan Latency, bool Succeeded);
