using Orleans;

namespace TripSage.Memory.Cli.Grid;

/// <summary>
/// Retries the first connection to the grid for a bounded time instead of the client's default of
/// minutes, and keeps the failures so the error can say why the gateway did not answer. The time
/// counts from the first failed attempt, not from the start of the process: on a busy machine the
/// client's own start-up (loading and compiling) can take seconds, and that is not the grid's silence.
/// </summary>
internal sealed class DeadlineRetryFilter(TimeProvider time, TimeSpan connectTimeout, TimeSpan retryDelay) : IClientConnectionRetryFilter
{
    private readonly List<Exception> _failures = [];
    private DateTimeOffset? _deadline;

    /// <summary>Every failed attempt, oldest first.</summary>
    public IReadOnlyList<Exception> Failures => _failures;

    /// <summary>Whether retrying stopped because the gateway stayed silent for the whole connect timeout.</summary>
    public bool GaveUp { get; private set; }

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _failures.Add(exception);
        _deadline ??= time.GetUtcNow() + connectTimeout;
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (time.GetUtcNow() + retryDelay >= _deadline)
        {
            GaveUp = true;
            return false;
        }

        await Task.Delay(retryDelay, time, cancellationToken);
        return true;
    }
}
