using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Telemetry;

namespace TripSage.Memory.Grains.Audit;

/// <summary>The audit record of the call in progress, filled in as the call learns who called and what it touched.</summary>
internal sealed class AuditEntry(string operation, Caller caller, string? traceId)
{
    private readonly List<string> _memoryIds = [];

    public string Operation { get; } = operation;

    public Caller Caller { get; set; } = caller;

    public string Outcome { get; set; } = OperationOutcome.Ok;

    public string? TraceId { get; } = traceId;

    public string? Detail { get; set; }

    /// <summary>Set once the entry became an event (in the outbox of a snapshot write, or appended directly).</summary>
    public bool Recorded { get; set; }

    public IReadOnlyList<string> MemoryIds => _memoryIds;

    public void Touch(IEnumerable<string> memoryIds) => _memoryIds.AddRange(memoryIds);

    public void Touch(string memoryId) => _memoryIds.Add(memoryId);

    /// <summary>Adds a finding, such as a suspicious-content rule and its action, to the event's detail.</summary>
    public void Note(string finding)
    {
        if (Detail is null || !Detail.Split(' ').Contains(finding, StringComparer.Ordinal))
        {
            Detail = Detail is null ? finding : $"{Detail} {finding}";
        }
    }

    /// <summary>
    /// The entry of the call running in this async flow, so that components the grain calls (the
    /// content screen, the behaviour monitor) can put their findings into the call's audit event.
    /// </summary>
    public static AsyncLocal<AuditEntry?> Current { get; } = new();
}
