using TripSage.Memory.Benchmarks.Load;
using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// Verifies users' audit trails after a scenario (<c>tripsage audit --verify</c> through the grid): a trail
/// broken by a stale activation writing its pages over the new activation's is a failure; pages a silo declared
/// dead held, kept aside instead (<see cref="AuditVerification.SetAsidePages"/>), are counted.
/// </summary>
internal static class AuditTrailCheck
{
    // Events per read of the trail (the client's default page).
    private const int AuditPage = 500;

    /// <summary>
    /// The users whose trail did not verify, or lacks the event of an acknowledged write (a stale activation's page
    /// written over the new activation's can leave a trail that verifies but lost that event), with the reason;
    /// and those whose verification counted pages kept aside.
    /// </summary>
    public static async Task<(List<string> Broken, List<string> SetAside)> RunAsync(IMemoryClient client, IEnumerable<string> users, AcknowledgedWrites acknowledged, CancellationToken cancellationToken)
    {
        var broken = new List<string>();
        var setAside = new List<string>();
        foreach (var user in users)
        {
            AuditVerification verification;
            try
            {
                verification = await UntilRecovered.CallAsync(() => client.VerifyAuditAsync(user), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                broken.Add($"{user}: not verified ({ChaosLoad.ErrorName(exception)})");
                continue;
            }

            if (!verification.Valid)
            {
                broken.Add($"{user}: broken at {verification.FirstBadSequence}: {verification.Problem}");
                continue;
            }

            if (verification.SetAsidePages > 0)
            {
                setAside.Add(user);
            }

            var audited = (await ReadTrailAsync(client, user)).Where(e => e.Outcome == "ok").SelectMany(e => e.MemoryIds).ToHashSet(StringComparer.Ordinal);
            var unaudited = acknowledged.Of(user).Count(id => !audited.Contains(id));
            if (unaudited > 0)
            {
                broken.Add($"{user}: verifies, but {unaudited} acknowledged writes have no audit event in it");
            }
        }

        return (broken, setAside);
    }

    private static async Task<List<AuditEvent>> ReadTrailAsync(IMemoryClient client, string user)
    {
        // Each read of the trail adds its own event, so the last page is the first one shorter than a full page.
        var events = new List<AuditEvent>();
        IReadOnlyList<AuditEvent> page;
        do
        {
            page = await client.ReadAuditAsync(user, events.Count + 1, AuditPage);
            events.AddRange(page);
        }
        while (page.Count == AuditPage);

        return events;
    }
}
