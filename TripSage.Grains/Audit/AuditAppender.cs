using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using TripSage.Memory.Grains.Telemetry;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// Moves audit pages of every user on this silo to the log together: one <c>MSET</c> per flush,
/// every <see cref="AuditOptions.FlushDelay"/>, or at once when a caller needs its page durable (a
/// write's events, a strict read, a deactivation, a reader of the trail). A call that only queues a
/// page issues no store command. Pages that fail stay queued, in order, and go with the next flush;
/// a graceful silo stop flushes what is queued after the grains deactivated. Durable pages are then
/// published on the live stream (<see cref="AuditStream"/>), one partition per user hash.
/// </summary>
internal sealed partial class AuditAppender(IAuditLog log, IServiceProvider services, IOptions<AuditOptions> options, MemoryMetrics metrics, ILogger<AuditAppender> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly object _lock = new();
    private readonly List<AuditPending> _queue = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _wake = NewSignal();
    private Task _loop = Task.CompletedTask;

    // Durable events not yet on the live stream, and the one publisher draining them (see PublishAsync).
    private readonly List<AuditEvent> _unpublished = [];
    private bool _publisherRunning;
    private Task _publishing = Task.CompletedTask;

    /// <summary>The log this appender writes to (one store's).</summary>
    public IAuditLog Log => log;

    /// <summary>Queues a page; it is written with the next flush. Issues no store command.</summary>
    public AuditPending Enqueue(AuditPageWrite page)
    {
        var pending = new AuditPending(page);
        lock (_lock)
        {
            _queue.Add(pending);
        }

        return pending;
    }

    /// <summary>Completes once the page is in the log, asking for a flush now; fails if that flush failed (the page stays queued).</summary>
    public Task DurableAsync(AuditPending pending)
    {
        Task written;
        lock (_lock)
        {
            written = pending.Written;
            _wake.TrySetResult();
        }

        return written;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        // Started before grains serve calls, stopped after they deactivated (their last pages are queued by then).
        lifecycle.Subscribe(nameof(AuditAppender), ServiceLifecycleStage.RuntimeGrainServices, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        lock (_lock)
        {
            _wake.TrySetResult();
        }

        await _loop;
        try
        {
            await FlushAsync();
        }
        catch (Exception ex)
        {
            LogStopFlushFailed(logger, QueuedCount(), ex);
        }

        Task publishing;
        lock (_lock)
        {
            publishing = _publishing;
        }

        await publishing;
    }

    private async Task RunAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Task wake;
            lock (_lock)
            {
                wake = _wake.Task;
            }

            await Task.WhenAny(wake, Task.Delay(options.Value.FlushDelay, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default));
            lock (_lock)
            {
                _wake = NewSignal();
            }

            try
            {
                await FlushAsync();
            }
            catch (Exception ex)
            {
                // The pages stay queued and go with the next flush; callers waiting for them were told.
                LogFlushFailed(logger, QueuedCount(), ex);
            }
        }
    }

    private async Task FlushAsync()
    {
        List<AuditPending> batch;
        lock (_lock)
        {
            batch = [.. _queue];
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await log.WriteAsync(batch.Select(p => p.Page).ToList());
        }
        catch (Exception ex)
        {
            metrics.RecordAuditAppendFailure();
            lock (_lock)
            {
                foreach (var pending in batch)
                {
                    pending.Fail(ex);
                }
            }

            throw;
        }

        lock (_lock)
        {
            _queue.RemoveRange(0, batch.Count);
        }

        foreach (var pending in batch)
        {
            pending.Succeed();
        }

        lock (_lock)
        {
            _unpublished.AddRange(batch.SelectMany(p => p.Page.Events));
            if (!_publisherRunning)
            {
                _publisherRunning = true;
                _publishing = Task.Run(PublishAsync, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// The log is the record; the stream only tells live consumers, in order. One publisher drains
    /// what gathered meanwhile as one batch per partition (one message each), the partitions in
    /// parallel: publishing event by event fell behind the reads and its backlog took the CPU the
    /// writes needed. A publish that fails (the stream's queue is gone during shutdown, say) is logged.
    /// </summary>
    private async Task PublishAsync()
    {
        var provider = services.GetRequiredKeyedService<IStreamProvider>(AuditStream.ProviderName);
        while (true)
        {
            List<AuditEvent> events;
            lock (_lock)
            {
                if (_unpublished.Count == 0)
                {
                    _publisherRunning = false;
                    return;
                }

                events = [.. _unpublished];
                _unpublished.Clear();
            }

            try
            {
                await Task.WhenAll(events
                    .GroupBy(e => AuditStream.For(e.UserId!))
                    .Select(partition => provider.GetStream<AuditEvent>(partition.Key).OnNextBatchAsync(partition.ToList())));
            }
            catch (Exception ex)
            {
                LogPublishFailed(logger, events.Count, ex);
            }
        }
    }

    private int QueuedCount()
    {
        lock (_lock)
        {
            return _queue.Count;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing audit pages failed; {PageCount} pages stay queued and go with the next flush")]
    private static partial void LogFlushFailed(ILogger logger, int pageCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the last {PageCount} audit pages at silo stop failed; their events are lost unless a write's snapshot carries them")]
    private static partial void LogStopFlushFailed(ILogger logger, int pageCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {EventCount} audit events on the live stream failed; they are in the durable log")]
    private static partial void LogPublishFailed(ILogger logger, int eventCount, Exception exception);
}
