namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// A page queued in the <see cref="AuditAppender"/>: <see cref="Written"/> completes when a flush
/// wrote it, or fails when a flush failed; a failed page stays queued and gets a fresh
/// <see cref="Written"/> for the next flush, an abandoned one (its silo was fenced out) fails for good.
/// Changed only under the appender's lock.
/// </summary>
internal sealed class AuditPending(AuditPageWrite page)
{
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AuditPageWrite Page { get; } = page;

    public Task Written => _written.Task;

    /// <summary>Whether the page is known to be in the log.</summary>
    public bool Durable => _written.Task.IsCompletedSuccessfully;

    public void Succeed() => _written.TrySetResult();

    /// <summary>Fails the page for good: it left the queue (set aside, never to reach the log), so every later wait fails at once.</summary>
    public void Abandon(Exception failure)
    {
        _written.TrySetException(failure);
        _ = _written.Task.Exception;
    }

    public void Fail(Exception failure)
    {
        _written.TrySetException(failure);

        // Nobody may be waiting for this attempt; the exception is logged by the appender.
        _ = _written.Task.Exception;
        _written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
