using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Security.Admission;
using TripSage.Memory.Grains.Telemetry;

namespace TripSage.Memory.Grains.Security;

/// <summary>
/// The default sink: one log line per finding with the rule, the action and how many memories it
/// concerns, and the suspicious-flags counter (<see cref="MemoryMetrics.RecordSuspiciousFlag"/>)
/// by rule and action, once per memory. Neither the user id nor any text is logged or counted.
/// Refused calls are counted on the same counter (action <c>reject</c>) and in <see cref="RefusedCalls"/>,
/// but logged as one aggregated line at most every <see cref="AdmissionOptions.RefusalLogInterval"/>:
/// a flood of bad calls costs a counter increment each, not a log line each.
/// </summary>
internal sealed partial class TelemetrySecurityEventSink(
    MemoryMetrics metrics,
    IOptions<AdmissionOptions> admission,
    ILogger<TelemetrySecurityEventSink> logger) : ISecurityEventSink
{
    // Keyed by rule and reason, both from closed sets: the map cannot grow with callers.
    private readonly ConcurrentDictionary<(string Rule, string Reason), long> _refused = new();
    private readonly Lock _logLock = new();
    private long _unlogged;
    private DateTimeOffset _loggedAt = DateTimeOffset.MinValue;

    /// <summary>Calls refused since the silo started, by rule and reason.</summary>
    public IReadOnlyDictionary<(string Rule, string Reason), long> RefusedCalls => _refused;

    public void Suspicious(SecurityFinding finding)
    {
        LogSuspicious(logger, finding.Rule, finding.Action, finding.MemoryIds.Count);

        // A rejection or a behaviour finding concerns no stored memory but is still one detection.
        for (var i = 0; i < Math.Max(1, finding.MemoryIds.Count); i++)
        {
            metrics.RecordSuspiciousFlag(finding.Rule, finding.Action);
        }
    }

    public void Refused(string rule, string reason)
    {
        _refused.AddOrUpdate((rule, reason), 1, (_, count) => count + 1);
        metrics.RecordSuspiciousFlag(rule, SecurityActionNames.Reject);
        Interlocked.Increment(ref _unlogged);

        var now = TimeProvider.System.GetUtcNow();
        if (now - _loggedAt < admission.Value.RefusalLogInterval)
        {
            return;
        }

        long count;
        lock (_logLock)
        {
            if (now - _loggedAt < admission.Value.RefusalLogInterval)
            {
                return;
            }

            _loggedAt = now;
            count = Interlocked.Exchange(ref _unlogged, 0);
        }

        LogRefused(logger, count, rule, reason, admission.Value.RefusalLogInterval);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Suspicious content or behaviour: rule {Rule}, action {Action}, {MemoryCount} memories")]
    private static partial void LogSuspicious(ILogger logger, string rule, string action, int memoryCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {CallCount} calls before they reached any user's memory (latest: rule {Rule}, reason {Reason}); the next such line comes at most {Interval} later")]
    private static partial void LogRefused(ILogger logger, long callCount, string rule, string reason, TimeSpan interval);
}
