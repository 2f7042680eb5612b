using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.Streams;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Grains.Telemetry;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// Moves audit pages of every user on this silo to the log together: one <c>MSET</c> per flush,
/// every <see cref="AuditOptions.FlushDelay"/>, or at once when a caller needs its page durable (a
/// strict read, a deactivation, an erase, a retention trim, a reader of the trail; a write does not wait:
/// its journal record keeps its events). A call that only queues a
/// page issues no store command. Pages that fail stay queued, in order, and go with the next flush;
/// a graceful silo stop flushes what is queued after the grains deactivated. Durable pages are then
/// published on the live stream (<see cref="AuditStream"/>), one partition per user hash.
/// <para>
/// Each flush is fenced (<see cref="StoreKeys.AuditFence"/>): this silo sets its fence in the log's store at
/// start and removes it after its last flush at a graceful stop; every silo removes the fence of any silo the
/// cluster declares dead. A flush writes only while its silo's fence is there, so a silo cut off and declared
/// dead while it still ran (its users reactivated elsewhere, writing the same page numbers) cannot write its
/// queued pages over the trail: they are set aside (<see cref="StoreKeys.AuditAside"/>), counted, logged, and
/// their waiters fail with <see cref="InconsistentStateException"/>.
/// </para>
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

    // This silo's name in fence keys; whether its fence was set (a flush before that sets it first); whether the
    // fence was found gone (the silo was declared dead: every later page goes aside); dead silos whose fences went.
    private string _silo = string.Empty;
    private bool _fenceSet;
    private bool _fencedOut;
    private readonly HashSet<SiloAddress> _deadFencesRemoved = [];

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

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _silo = services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
        try
        {
            await log.SetFenceAsync(_silo);
            _fenceSet = true;
        }
        catch (Exception ex)
        {
            // The silo still starts (the store may be back soon); the first flush sets the fence before it writes.
            LogFenceNotSet(logger, ex);
        }

        // Not awaited at stop: it ends with the stop's cancellation, and a removal in flight is harmless.
        _ = Task.Run(RemoveDeadFencesAsync, CancellationToken.None);
        _loop = Task.Run(RunAsync, CancellationToken.None);
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
        if (_fenceSet && !_fencedOut)
        {
            try
            {
                // After the last flush: nothing of this silo writes pages any more.
                await log.RemoveFencesAsync([_silo]);
            }
            catch (Exception ex)
            {
                // The other silos remove it once the cluster marks this silo dead.
                LogFenceNotRemoved(logger, ex);
            }
        }
    }

    /// <summary>
    /// Removes the fence of every silo the cluster declares dead, on every membership change (the first one lists
    /// silos that died before this one started: removing a fence that is gone costs nothing). A removal that fails
    /// (the store is away) is tried again after <see cref="AuditOptions.FlushDelay"/>.
    /// </summary>
    private async Task RemoveDeadFencesAsync()
    {
        var membership = services.GetRequiredService<IClusterMembershipService>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                var dead = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && !_deadFencesRemoved.Contains(m.SiloAddress))
                    .Select(m => m.SiloAddress)
                    .ToList();
                while (dead.Count > 0)
                {
                    try
                    {
                        await log.RemoveFencesAsync(dead.Select(s => s.ToParsableString()).ToList());
                        _deadFencesRemoved.UnionWith(dead);
                        LogDeadFencesRemoved(logger, dead.Count);
                        break;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogDeadFencesNotRemoved(logger, dead.Count, ex);
                        await Task.Delay(options.Value.FlushDelay, _stopping.Token);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The silo stops: its own stop removes its fence; the others' are left to the silos that stay.
        }
        catch (Exception ex)
        {
            LogMembershipWatchFailed(logger, ex);
        }
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

        var pages = batch.Select(p => p.Page).ToList();
        try
        {
            if (!_fencedOut)
            {
                await SetFenceIfNotSetAsync();
                _fencedOut = !await log.WriteAsync(pages, _silo);
            }

            if (_fencedOut)
            {
                await log.SetAsideAsync(pages);
            }
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

        if (_fencedOut)
        {
            Abandon(batch);
            return;
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

    /// <summary>Sets the fence a start could not set, unless the cluster has declared this silo dead meanwhile.</summary>
    private async Task SetFenceIfNotSetAsync()
    {
        if (_fenceSet)
        {
            return;
        }

        var self = services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(services.GetRequiredService<ILocalSiloDetails>().SiloAddress);
        if (self is SiloStatus.Dead)
        {
            _fencedOut = true;
            return;
        }

        await log.SetFenceAsync(_silo);
        _fenceSet = true;
    }

    /// <summary>Pages set aside leave the queue for good: their waiters hear why, and nothing retries them.</summary>
    private void Abandon(List<AuditPending> batch)
    {
        metrics.RecordAuditPagesSetAside(batch.Count);
        LogSetAside(logger, batch.Count, batch.Sum(p => p.Page.Events.Count), batch.Select(p => p.Page.UserId).Distinct(StringComparer.Ordinal).Count(), _silo);
        var failure = new InconsistentStateException(
            "The cluster declared this silo dead while it served the user, whose memory is now served by another silo: " +
            "this call's audit events were kept aside (not added to the user's trail). Call again: the call goes to the user's current silo.");
        lock (_lock)
        {
            foreach (var pending in batch)
            {
                pending.Abandon(failure);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The cluster declared this silo ({Silo}) dead: {PageCount} audit pages ({EventCount} events of {UserCount} users) were set aside in the store's audit-aside lists instead of written over the users' trails")]
    private static partial void LogSetAside(ILogger logger, int pageCount, int eventCount, int userCount, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Setting this silo's audit fence failed at start; the first flush sets it before it writes")]
    private static partial void LogFenceNotSet(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing this silo's audit fence at stop failed; the other silos remove it once the cluster marks this silo dead")]
    private static partial void LogFenceNotRemoved(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the audit fences of {SiloCount} silos the cluster declared dead")]
    private static partial void LogDeadFencesRemoved(ILogger logger, int siloCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Removing the audit fences of {SiloCount} silos the cluster declared dead failed; trying again")]
    private static partial void LogDeadFencesNotRemoved(ILogger logger, int siloCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching the cluster membership for dead silos failed; their audit fences are no longer removed by this silo")]
    private static partial void LogMembershipWatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {EventCount} audit events on the live stream failed; they are in the durable log")]
    private static partial void LogPublishFailed(ILogger logger, int eventCount, Exception exception);
}
