namespace TripSage.Memory.Benchmarks.Load;

/// <summary>What the stateless baseline stores per user: one JSON document, sealed as one blob.</summary>
internal sealed class BaselineUserBlob
{
    public List<MemoryRecord> Memories { get; set; } = [];

    public Dictionary<string, string> Preferences { get; set; } = new(StringComparer.Ordinal);
}
