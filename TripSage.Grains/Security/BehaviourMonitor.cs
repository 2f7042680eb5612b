using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Security;

/// <summary>
/// Watches one user's calls for suspicious behaviour: bursts of denied calls, mass forgetting and
/// rate-limit storms. One instance per grain activation (registered transient), held in memory
/// only: a moved or reactivated grain starts counting afresh, which at worst delays a finding by
/// one window. Time comes from the memory clock, so tests drive the windows.
/// </summary>
internal sealed class BehaviourMonitor(
    IOptions<BehaviourPolicyOptions> options,
    [FromKeyedServices(MemoryClock.Key)] TimeProvider time,
    ISecurityEventSink events)
{
    private readonly BehaviourWindow _denials = new(options.Value.DenialBurst);
    private readonly BehaviourWindow _forgets = new(options.Value.MassForget);
    private readonly BehaviourWindow _rateLimited = new(options.Value.RateLimitStorm);

    /// <summary>Counts memories forgotten by one call.</summary>
    public void Forgot(string userId, int memories) => Observe(userId, _forgets, SecurityRuleIds.MassForget, memories);

    /// <summary>Counts a call that was refused: a denial or a rate-limit rejection; other failures are not behaviour.</summary>
    public void Refused(string userId, Exception refusal)
    {
        switch (refusal)
        {
            case AccessDeniedException:
                Observe(userId, _denials, SecurityRuleIds.DenialBurst, 1);
                break;
            case RateLimitExceededException:
                Observe(userId, _rateLimited, SecurityRuleIds.RateLimitStorm, 1);
                break;
        }
    }

    private void Observe(string userId, BehaviourWindow window, string rule, int count)
    {
        if (window.Add(time.GetUtcNow(), count))
        {
            events.Suspicious(userId, rule, SecurityActionNames.Flag, []);
        }
    }
}
