using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Security.Behaviour;

/// <summary>
/// Watches one user's calls for suspicious behaviour: bursts of denied calls, mass forgetting and
/// rate-limit storms. One instance per grain activation (registered transient), held in memory
/// only: a moved or reactivated grain starts counting afresh, which at worst delays a finding by
/// one window. Time comes from the memory clock, so tests drive the windows.
/// </summary>
internal sealed class BehaviourMonitor(
    IOptions<BehaviourPolicyOptions> options,
    [FromKeyedServices(MemoryClock.Key)] TimeProvider time)
{
    private readonly BehaviourWindow _denials = new(options.Value.DenialBurst);
    private readonly BehaviourWindow _forgets = new(options.Value.MassForget);
    private readonly BehaviourWindow _rateLimited = new(options.Value.RateLimitStorm);

    /// <summary>Counts memories forgotten by one call; a finding when that crosses the mass-forget threshold.</summary>
    public SecurityFinding? Forgot(int memories) => Observe(_forgets, SecurityRuleIds.MassForget, memories);

    /// <summary>
    /// Counts a call that was refused: a denial or a rate-limit rejection (other failures are not
    /// behaviour); a finding when that crosses the rule's threshold.
    /// </summary>
    public SecurityFinding? Refused(Exception refusal) => refusal switch
    {
        AccessDeniedException => Observe(_denials, SecurityRuleIds.DenialBurst, 1),
        RateLimitExceededException => Observe(_rateLimited, SecurityRuleIds.RateLimitStorm, 1),
        _ => null,
    };

    private SecurityFinding? Observe(BehaviourWindow window, string rule, int count) =>
        window.Add(time.GetUtcNow(), count) ? new SecurityFinding(rule, SecurityActionNames.Flag, []) : null;
}
