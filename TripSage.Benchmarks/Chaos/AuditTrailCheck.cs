using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// Verifies users' audit trails after a scenario (<c>tripsage audit --verify</c> through the grid): a trail
/// broken by a stale activation writing its pages over the new activation's is a failure; pages a silo declared
/// dead held, kept aside instead (the verification's note), are counted.
/// </summary>
internal static class AuditTrailCheck
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The users whose trail did not verify (with the reason), and those whose verification noted pages kept aside.</summary>
    public static async Task<(List<string> Broken, List<string> SetAside)> RunAsync(IMemoryClient client, IEnumerable<string> users, CancellationToken cancellationToken)
    {
        var broken = new List<string>();
        var setAside = new List<string>();
        foreach (var user in users)
        {
            AuditVerification verification;
            try
            {
                verification = await VerifyWithRetriesAsync(client, user, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                broken.Add($"{user}: not verified ({ChaosLoad.ErrorName(exception)})");
                continue;
            }

            if (!verification.Valid)
            {
                broken.Add($"{user}: broken at {verification.FirstBadSequence}: {verification.Problem}");
            }
            else if (verification.Problem is not null)
            {
                setAside.Add(user);
            }
        }

        return (broken, setAside);
    }

    private static async Task<AuditVerification> VerifyWithRetriesAsync(IMemoryClient client, string user, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ChaosOptions.RecoveryTimeout;
        while (true)
        {
            try
            {
                return await client.VerifyAuditAsync(user);
            }
            catch (Exception exception) when (exception is not OperationCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }
}
