using Microsoft.Extensions.Logging;
using TripSage.Memory.Grains.Telemetry;

namespace TripSage.Memory.Grains.Security;

/// <summary>
/// The default sink: one log line per finding with the rule, the action and how many memories it
/// concerns, and the suspicious-flags counter (<see cref="MemoryMetrics.RecordSuspiciousFlag"/>)
/// by rule and action, once per memory. Neither the user id nor any text is logged or counted.
/// </summary>
internal sealed partial class TelemetrySecurityEventSink(MemoryMetrics metrics, ILogger<TelemetrySecurityEventSink> logger) : ISecurityEventSink
{
    public void Suspicious(SecurityFinding finding)
    {
        LogSuspicious(logger, finding.Rule, finding.Action, finding.MemoryIds.Count);

        // A rejection or a behaviour finding concerns no stored memory but is still one detection.
        for (var i = 0; i < Math.Max(1, finding.MemoryIds.Count); i++)
        {
            metrics.RecordSuspiciousFlag(finding.Rule, finding.Action);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Suspicious content or behaviour: rule {Rule}, action {Action}, {MemoryCount} memories")]
    private static partial void LogSuspicious(ILogger logger, string rule, string action, int memoryCount);
}
