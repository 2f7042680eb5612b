using TripSage.Memory.Grains.Operations;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Security.Auth;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// The audit record of the call in progress, filled in by the grain as the call learns who called,
/// what it touched and what the security checks found. It becomes an event once (<see cref="Recorded"/>).
/// </summary>
internal sealed class AuditEntry(string operation, Caller caller, string? traceId)
{
    private readonly List<string> _memoryIds = [];
    private readonly List<SecurityFinding> _findings = [];

    public string Operation { get; } = operation;

    public Caller Caller { get; set; } = caller;

    public string Outcome { get; set; } = OperationOutcome.Ok;

    public string? TraceId { get; } = traceId;

    /// <summary>The findings, as the event's detail: each distinct <c>suspicious:rule:action</c> once, in the order found.</summary>
    public string? Detail => _findings.Count == 0 ? null : string.Join(' ', _findings.Select(f => f.AuditNote).Distinct(StringComparer.Ordinal));

    /// <summary>Set once the entry became an event (in the outbox of a snapshot write, or appended directly).</summary>
    public bool Recorded { get; set; }

    public IReadOnlyList<string> MemoryIds => _memoryIds;

    /// <summary>What the content screen and the behaviour monitor found during the call; detectors add to it directly.</summary>
    public ICollection<SecurityFinding> Findings => _findings;

    public void Touch(IEnumerable<string> memoryIds) => _memoryIds.AddRange(memoryIds);

    public void Touch(string memoryId) => _memoryIds.Add(memoryId);
}
