namespace TripSage.Memory.Grains.Security.Admission;

/// <summary>
/// Tells a call's <see cref="CallOrigin"/> from its sender id. Gateway clients are <c>sys.client</c>
/// ids; the client each silo hosts for its own non-grain code is <c>sys.client/hosted-&lt;silo&gt;</c>;
/// the runtime's system targets and grain services are <c>sys.svc.*</c>. The sender id is what the
/// standard Orleans client honestly puts in its messages: a hand-made client can claim another one,
/// which is why production gateways also require a client certificate (README, threat model).
/// </summary>
internal static class CallOrigins
{
    // Orleans' HostedClient names itself "hosted-" + its silo's address.
    private const string HostedClientPrefix = "hosted-";

    public static CallOrigin Of(GrainId? source)
    {
        if (source is not { } sender)
        {
            return CallOrigin.Gateway;
        }

        if (sender.IsClient())
        {
            return sender.Key.ToString()!.StartsWith(HostedClientPrefix, StringComparison.Ordinal) ? CallOrigin.Silo : CallOrigin.Gateway;
        }

        return sender.IsSystemTarget() ? CallOrigin.Runtime : CallOrigin.Grain;
    }
}
