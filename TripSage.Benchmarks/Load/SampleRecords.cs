namespace TripSage.Memory.Benchmarks.Load;

/// <summary>A stored memory as the baseline and the micro-benchmarks hold it, made from a memory to remember.</summary>
internal static class SampleRecords
{
    public static MemoryRecord From(NewMemory memory, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Text = memory.Text,
        Category = memory.Category,
        Tags = memory.Tags ?? new Dictionary<string, string>(),
        Source = memory.Source,
        SessionId = memory.SessionId,
        CreatedAt = at,
        UpdatedAt = at,
        ExpiresAt = memory.ExpiresAt,
    };
}
