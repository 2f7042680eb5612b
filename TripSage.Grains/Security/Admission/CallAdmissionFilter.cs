using TripSage.Memory.Grains.Security.Auth;

namespace TripSage.Memory.Grains.Security.Admission;

/// <summary>
/// The silo-wide door, in front of every grain's own call filter:
/// <list type="bullet">
/// <item>callers outside the silo (gateway clients) reach only the public grain interfaces
/// (<see cref="IUserMemoryGrain"/>, <see cref="IKeyManagementGrain"/>, <see cref="IStoreMigrationGrain"/>) and the one runtime service a
/// client needs to connect; the management grain, grain extensions (deactivation, migration) and
/// anything else are refused;</item>
/// <item>a reminder tick is accepted only from the runtime's reminder service;</item>
/// <item>every call to a public interface, wherever it comes from, must carry a valid bearer token.
/// A call that does not is refused here: it never reaches the user's call pipeline, so it writes
/// nothing to the user's keys or audit trail (it is counted in the silo's security log instead), and
/// an activation that only such calls created is let go at once. Orleans runs call filters inside the
/// target activation, so the activation itself (three store reads, no writes) cannot be avoided.</item>
/// </list>
/// Gateway clients that fail to authenticate too often are refused without their token being checked
/// (<see cref="FailedAuthenticationLimiter"/>). A caller that proved who it is passes on, and the
/// grain's own filter authorizes and audits it as before.
/// </summary>
internal sealed class CallAdmissionFilter(
    CallerAuthenticator authenticator,
    FailedAuthenticationLimiter failures,
    ISecurityEventSink securityEvents,
    IEnumerable<GatewayCallableInterface> alsoCallable) : IIncomingGrainCallFilter
{
    private const string FailedAuthenticationClass = "failed-authentication";

    // What the standard Orleans client calls on a gateway to connect: the cluster's type manifest.
    private readonly HashSet<string> _clientInfrastructure = new(alsoCallable.Select(i => i.FullName).Append("Orleans.Runtime.IClusterManifestSystemTarget"), StringComparer.Ordinal);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var origin = CallOrigins.Of(context.SourceId);
        var declaringType = context.InterfaceMethod?.DeclaringType;
        var isPublic = declaringType == typeof(IUserMemoryGrain) || declaringType == typeof(IKeyManagementGrain) || declaringType == typeof(IStoreMigrationGrain);

        if (declaringType == typeof(IRemindable) && origin != CallOrigin.Runtime)
        {
            Refuse("reminder_tick", "reminder ticks are accepted only from the grid's reminder service");
        }

        if (origin == CallOrigin.Gateway && !isPublic && !_clientInfrastructure.Contains(declaringType?.FullName ?? string.Empty))
        {
            Refuse("not_public", "only memory operations are reachable from outside the silo");
        }

        if (isPublic)
        {
            await AuthenticateAsync(context, origin);
        }

        await context.Invoke();
    }

    private async Task AuthenticateAsync(IIncomingGrainCallContext context, CallOrigin origin)
    {
        // Only gateway clients have a sender id of their own; in-silo callers (the HTTP API) share one.
        var source = origin == CallOrigin.Gateway ? context.SourceId : null;
        var limited = origin == CallOrigin.Gateway;
        if (limited && !failures.MayTry(source, out var wait))
        {
            Release(context);
            securityEvents.Refused(SecurityRuleIds.Unauthenticated, "source_limited");
            throw new RateLimitExceededException(FailedAuthenticationClass, wait);
        }

        var (_, failure) = await authenticator.TryAuthenticateAsync(RequestContext.Get(MemoryRequestContext.BearerToken) as string);
        if (failure is null)
        {
            if (context.TargetContext.GetComponent<AuthenticatedActivation>() is null)
            {
                context.TargetContext.SetComponent(AuthenticatedActivation.Marker);
            }

            return;
        }

        Release(context);
        securityEvents.Refused(SecurityRuleIds.Unauthenticated, failure.Code);
        if (limited && failures.Failed(source) is { } retryAfter)
        {
            throw new RateLimitExceededException(FailedAuthenticationClass, retryAfter);
        }

        throw new AccessDeniedException(failure.Reason);
    }

    /// <summary>An activation that has served no authenticated call goes as soon as the refused calls are answered.</summary>
    private static void Release(IIncomingGrainCallContext context)
    {
        if (context.TargetContext.GetComponent<AuthenticatedActivation>() is null)
        {
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "served only unauthenticated calls"));
        }
    }

    private void Refuse(string reason, string message)
    {
        securityEvents.Refused(SecurityRuleIds.InternalCall, reason);
        throw new AccessDeniedException(message);
    }
}
