namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>What a load call does: a write is not safe to retry blindly (a retry may store twice), a read is.</summary>
internal enum CallKind
{
    Write,
    Read,
}
