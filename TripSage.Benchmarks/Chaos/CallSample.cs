namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// One load call: what it was, when it started (since the load began), how long it took, and the name of
/// the error it failed with (null: it succeeded).
/// </summary>
internal readonly record struct CallSample(CallKind Kind, TimeSpan StartedAt, TimeSpan Latency, string? Error)
{
    public bool Succeeded => Error is null;

    public TimeSpan EndedAt => StartedAt + Latency;
}
