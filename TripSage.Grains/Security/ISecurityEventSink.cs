namespace TripSage.Memory.Grains.Security;

/// <summary>
/// Where every detection of suspicious content or behaviour is reported, once per detection:
/// the seam the audit trail and the metrics hang on. The default (<see cref="TelemetrySecurityEventSink"/>)
/// logs and counts; a host may register its own before the grid's services are added.
/// </summary>
internal interface ISecurityEventSink
{
    /// <summary>Reports one detection.</summary>
    /// <param name="userId">The user whose memory it concerns: for the user's audit trail only, never a log field or a metric label.</param>
    /// <param name="rule">The rule id (<see cref="SecurityRuleIds"/>).</param>
    /// <param name="action">What was done (<see cref="SecurityActionNames"/>): <c>flag</c>, <c>quarantine</c> or <c>reject</c>; behaviour rules always flag.</param>
    /// <param name="memoryIds">The memories stored with the finding; empty for a rejection or a behaviour rule.</param>
    void Suspicious(string userId, string rule, string action, IReadOnlyList<string> memoryIds);
}
