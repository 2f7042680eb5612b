namespace TripSage.Memory.Grains.Security.Behaviour;

/// <summary>
/// When a user's call pattern is suspicious (configuration section <c>TripSage:BehaviourPolicy</c>).
/// Counted per user in the user's grain, in memory; a crossing is audited and counted as a flag
/// (behaviour is never refused for itself: the rate limiter and authentication already refuse
/// calls). Each rule reports at most one finding per window, however long the behaviour lasts.
/// </summary>
public sealed class BehaviourPolicyOptions
{
    public const string SectionName = "TripSage:BehaviourPolicy";

    /// <summary>Calls denied access (bad, expired or foreign tokens). Default 5 within 1 minute.</summary>
    public BehaviourThreshold DenialBurst { get; set; } = new() { Count = 5, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Memories forgotten. Default 100 within 10 minutes.</summary>
    public BehaviourThreshold MassForget { get; set; } = new() { Count = 100, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Calls refused by the rate limiter. Default 3 within 1 minute.</summary>
    public BehaviourThreshold RateLimitStorm { get; set; } = new() { Count = 3, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Each threshold with its setting name and rule: the one place the three are tied together.</summary>
    internal IEnumerable<(string Option, string RuleId, BehaviourThreshold Threshold)> Thresholds() =>
    [
        (nameof(DenialBurst), SecurityRuleIds.DenialBurst, DenialBurst),
        (nameof(MassForget), SecurityRuleIds.MassForget, MassForget),
        (nameof(RateLimitStorm), SecurityRuleIds.RateLimitStorm, RateLimitStorm),
    ];
}
