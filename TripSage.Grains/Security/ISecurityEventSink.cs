namespace TripSage.Memory.Grains.Security;

/// <summary>
/// Where every finding is reported for operators, once per detection: logs and metrics only. The
/// audit trail gets its findings from the grain, not from here. The default is
/// <see cref="TelemetrySecurityEventSink"/>.
/// </summary>
internal interface ISecurityEventSink
{
    /// <summary>Reports one finding; it carries no user id, because none may reach a log field or a metric label.</summary>
    void Suspicious(SecurityFinding finding);

    /// <summary>
    /// Reports a call refused before it reached anyone's memory — no valid token, or a call from outside
    /// the silo to something other than a memory operation — under one of the <see cref="SecurityRuleIds"/>
    /// (<paramref name="rule"/>) and a reason code from a closed set (<paramref name="reason"/>). Such
    /// calls never enter a user's audit trail, so this silo-level record is counted and aggregated, never
    /// one line per call.
    /// </summary>
    void Refused(string rule, string reason);
}
