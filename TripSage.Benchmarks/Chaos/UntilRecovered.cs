namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// The checks after a scenario call the grid while it may still be recovering (a silo restarting, a user
/// reactivating): a call is tried again every 100 ms until it succeeds or <see cref="ChaosOptions.RecoveryTimeout"/>
/// has passed, and then its failure is the check's.
/// </summary>
internal static class UntilRecovered
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    public static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ChaosOptions.RecoveryTimeout;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (exception is not OperationCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }
}
