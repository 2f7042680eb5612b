using Orleans;

namespace TripSage.Memory.Cli.Grid;

/// <summary>
/// Retries the first connection to the grid until a deadline instead of the client's default of
/// minutes, and keeps the failures so the error can say why the gateway did not answer.
/// </summary>
internal sealed class DeadlineRetryFilter(TimeProvider time, DateTimeOffset deadline, TimeSpan retryDelay) : IClientConnectionRetryFilter
{
    private readonly List<Exception> _failures = [];

    /// <summary>Every failed attempt, oldest first.</summary>
    public IReadOnlyList<Exception> Failures => _failures;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _failures.Add(exception);
        if (cancellationToken.IsCancellationRequested || time.GetUtcNow() + retryDelay >= deadline)
        {
            return false;
        }

        await Task.Delay(retryDelay, time, cancellationToken);
        return true;
    }
}
