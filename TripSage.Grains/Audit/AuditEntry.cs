using TripSage.Memory.Grains.Security;

namespace TripSage.Memory.Grains.Audit;

/// <summary>The audit record of the call in progress, filled in as the call learns who called and what it touched.</summary>
internal sealed class AuditEntry(string operation, Caller caller, string? traceId)
{
    private readonly List<string> _memoryIds = [];

    public string Operation { get; } = operation;

    public Caller Caller { get; set; } = caller;

    public string Outcome { get; set; } = AuditOutcomes.Ok;

    public string? TraceId { get; } = traceId;

    public string? Detail { get; set; }

    /// <summary>Set once the entry became an event (in the outbox of a snapshot write, or appended directly).</summary>
    public bool Recorded { get; set; }

    public IReadOnlyList<string> MemoryIds => _memoryIds;

    public void Touch(IEnumerable<string> memoryIds) => _memoryIds.AddRange(memoryIds);

    public void Touch(string memoryId) => _memoryIds.Add(memoryId);
}
