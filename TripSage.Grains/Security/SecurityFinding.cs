namespace TripSage.Memory.Grains.Security;

/// <summary>
/// One detection of suspicious content or behaviour. Detectors (<see cref="Content.ContentScreen"/>,
/// <see cref="Behaviour.BehaviourMonitor"/>) hand findings back to the grain, which records them in the
/// call's audit event and reports them to telemetry (<see cref="ISecurityEventSink"/>): one owner, no
/// hidden hand-off.
/// </summary>
/// <param name="Rule">The rule id (<see cref="SecurityRuleIds"/>).</param>
/// <param name="Action">What was done (<see cref="SecurityActionNames"/>): <c>flag</c>, <c>quarantine</c> or <c>reject</c>; behaviour rules always flag.</param>
/// <param name="MemoryIds">The memories stored with the finding; empty for a rejection or a behaviour rule.</param>
internal sealed record SecurityFinding(string Rule, string Action, IReadOnlyList<string> MemoryIds)
{
    /// <summary>How the finding reads in an audit event's detail; never any text of the user's.</summary>
    public string AuditNote => $"suspicious:{Rule}:{Action}";

    /// <summary>Whether the finding concerns memories that are stored only once the call's write succeeds.</summary>
    public bool ConcernsStoredMemories => MemoryIds.Count > 0;
}
