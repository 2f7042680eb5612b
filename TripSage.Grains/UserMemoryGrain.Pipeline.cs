using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Operations;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Security.Auth;
using TripSage.Memory.Grains.Security.RateLimiting;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains;

/// <summary>The call pipeline: every call is authenticated, authorized, rate limited and audited here.</summary>
internal sealed partial class UserMemoryGrain
{
    // The audit entry of the call being served. Calls interleave (the grain is reentrant), so each
    // call's entry flows with that call's own async flow.
    private readonly AsyncLocal<AuditEntry?> _call = new();

    // Orleans delivers grain timer ticks through the call filters as calls of this (internal) interface.
    private const string GrainTimerInterface = "Orleans.Runtime.IGrainTimerInvoker";

    // Set when a snapshot write failed and the durable state could not be read back: the memory
    // held here may then contain changes that were never acknowledged, so it must not serve calls.
    private bool _stateInDoubt;

    // Set when the store refused a write because another activation of this user wrote after this
    // one loaded (etag mismatch): the user now lives elsewhere, and this activation must neither serve
    // nor write again, or the two would take turns writing and fork the audit chain.
    private bool _superseded;

    /// <summary>The audit entry of the call being served.</summary>
    private AuditEntry Call => _call.Value ?? throw new InvalidOperationException("No call is being served; grain operations run only through the call pipeline.");

    /// <summary>
    /// Every call passes here: the caller is authenticated and authorized, the user's token bucket
    /// for the operation (<see cref="MemoryOperations"/>) is charged, and the call, allowed or
    /// denied, becomes an audit event.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        UserIds.Validate(UserId);
        if (_superseded)
        {
            throw new InconsistentStateException("Another activation of this user wrote to the store after this one loaded; this one is stale and is being deactivated. Nothing was changed; retry the call.");
        }

        if (!stores.Owns(UserId, _store))
        {
            // A migration moved the user to another store since this activation read its state.
            DeactivateOnIdle();
            throw new StoreUnavailableException("the user's memory moved to another store; nothing was changed, retry the call");
        }

        if (_stateInDoubt)
        {
            throw new InvalidOperationException("The memory of this user is being reloaded after a failed store write; retry the call.");
        }

        if (context.InterfaceMethod.DeclaringType?.FullName == GrainTimerInterface)
        {
            // The grain's own timer (appending deferred audit events) is housekeeping, not an operation.
            await context.Invoke();
            return;
        }

        if (context.InterfaceMethod.DeclaringType == typeof(IRemindable))
        {
            // Reminder ticks come from the grid itself (the silo-wide admission filter refuses any other sender).
            await RunAuditedAsync(new AuditEntry(MemoryOperations.Expire.Name, Caller.System, TraceId()), context.Invoke);
            return;
        }

        if (context.InterfaceMethod.DeclaringType != typeof(IUserMemoryGrain))
        {
            // The runtime's own calls on the activation (grain extensions); the admission filter lets
            // them through only from inside the silo, and they are no operation on the user's memory.
            await context.Invoke();
            return;
        }

        var operation = MemoryOperations.Of(context.InterfaceMethod);
        var entry = new AuditEntry(operation.Name, Caller.Anonymous, TraceId());
        await RunAuditedAsync(entry, async () =>
        {
            entry.Caller = await authenticator.AuthenticateAsync(RequestContext.Get(MemoryRequestContext.BearerToken) as string);
            authenticator.Authorize(entry.Caller, UserId, operation.AdminOnly);
            _rateLimiter.Take(operation.Class);
            await context.Invoke();
        });
    }

    /// <summary>
    /// Runs the call and records its audit event. A call that wrote already carried its event in
    /// that write's journal record (or snapshot); any other call (a read, a denial, a failure) has
    /// its event sealed and queued (<see cref="RecordAsync"/>): nothing goes unaudited. The call's
    /// findings then go to telemetry — those about stored memories only when the call succeeded.
    /// </summary>
    private async Task RunAuditedAsync(AuditEntry entry, Func<Task> call)
    {
        _call.Value = entry;
        Exception? failure = null;
        ExceptionDispatchInfo? original = null;
        try
        {
            await call();
        }
        catch (Exception ex)
        {
            if (ex is RateLimitExceededException limited)
            {
                metrics.RecordRateLimitRejection(limited.OperationClass);
            }

            // A store failure reaches the caller as one typed error, never the Redis client's own.
            failure = StoreFailure.Translate(ex) ?? ex;
            if (behaviour.Refused(failure) is { } finding)
            {
                entry.Findings.Add(finding);
            }

            entry.Outcome = OperationOutcome.Of(failure);
            original = failure == ex ? ExceptionDispatchInfo.Capture(ex) : null;
        }
        finally
        {
            _call.Value = null;
            foreach (var finding in entry.Findings.Where(f => failure is null || !f.ConcernsStoredMemories))
            {
                securityEvents.Suspicious(finding);
            }
        }

        try
        {
            await RecordAsync(entry);
        }
        catch (Exception recordFailure) when (StoreFailure.Translate(recordFailure) is { } unavailable)
        {
            // Strict mode (or a full batch) could not append: the event stays deferred, and the
            // caller learns the store is away rather than the Redis client's details.
            throw failure ?? unavailable;
        }

        // The caller's own exception keeps its stack; a translated one is new by design.
        original?.Throw();
        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <summary>
    /// Records the event of a call that wrote no snapshot: sealed and queued in the silo's audit
    /// appender, which writes it with every other user's within <see cref="AuditOptions.FlushDelay"/>
    /// (the call issues no store command); a write of this user before that carries it in its
    /// journal record. In strict mode, or once too many of this user's wait, the call waits for the flush
    /// holding its event (still shared with other calls and users) and fails if the store refuses:
    /// an event is never dropped silently.
    /// </summary>
    private async Task RecordAsync(AuditEntry entry)
    {
        if (entry.Recorded)
        {
            return;
        }

        // Sealed only while the model is quiet: a snapshot write in flight may still be rolled back,
        // and its events rewound, which must not strand an event sealed after them.
        await _commits.ReadAsync(() =>
        {
            _audit.Defer(entry);
            return true;
        });
        if (auditOptions.Value.StrictReads || _audit.DeferredCount >= auditOptions.Value.MaxDeferredEvents)
        {
            await _audit.DurableAsync();
        }

        if (_audit.RetentionDue)
        {
            await ApplyAuditRetentionAsync();
        }
    }

    /// <summary>
    /// Whether <paramref name="writeFailure"/> says another activation of this user wrote first (the
    /// snapshot etag no longer matches: a silo cut off from the cluster while its users moved on). Then
    /// the newer data in the store is not this activation's to reload or build on: it stops serving, and
    /// every call still under way here fails on the same etag, so none is acknowledged.
    /// </summary>
    private bool SupersededBy(Exception writeFailure)
    {
        if (writeFailure is not InconsistentStateException)
        {
            return false;
        }

        LogSuperseded(logger);
        _superseded = true;
        DeactivateOnIdle();
        return true;
    }

    /// <summary>Adds findings to the call's audit event, before the write that carries it.</summary>
    private void Note(IEnumerable<SecurityFinding> findings)
    {
        foreach (var finding in findings)
        {
            Call.Findings.Add(finding);
        }
    }

    private void Note(SecurityFinding? finding)
    {
        if (finding is not null)
        {
            Call.Findings.Add(finding);
        }
    }

    private static string? TraceId() => Activity.Current?.TraceId.ToString();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store refused a snapshot write because another activation of this user wrote first; this activation is stale and stops serving")]
    private static partial void LogSuperseded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appending {EventCount} deferred audit events failed; they are kept and retried")]
    private static partial void LogDeferredAuditFailed(ILogger logger, int eventCount, Exception exception);
}
