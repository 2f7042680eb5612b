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
}
