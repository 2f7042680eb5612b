using System.Diagnostics;
using TripSage.Memory.Grains.Operations;

namespace TripSage.Memory.Grains.Telemetry;

/// <summary>
/// Wraps every call to <see cref="IUserMemoryGrain"/> in one span of the <c>TripSage.Memory</c>
/// source and one count and duration measurement, labelled with the operation and its outcome.
/// Registered after Orleans' activity propagation filter, so the span is a child of the caller's
/// trace; the store commands the call causes become its children in turn.
/// </summary>
internal sealed class MemoryCallTelemetry(MemoryMetrics metrics) : IIncomingGrainCallFilter
{
    private const string SpanNamePrefix = "memory ";

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType != typeof(IUserMemoryGrain))
        {
            await context.Invoke();
            return;
        }

        var operation = MemoryOperations.Of(context.InterfaceMethod).Name;
        using var activity = MemoryTelemetry.Source.StartActivity(SpanNamePrefix + operation);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(MemoryTelemetry.Tags.Operation, operation);
            activity.SetTag(MemoryTelemetry.Tags.UserHash, UserIdHash.Of(context.TargetId.Key.ToString()!));
            activity.SetTag(MemoryTelemetry.Tags.ItemsIn, OperationItems.In(context.Request));
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = OperationOutcome.Ok;
        try
        {
            await context.Invoke();
            activity?.SetTag(MemoryTelemetry.Tags.ItemsOut, OperationItems.Out(context.Result));
        }
        catch (Exception ex)
        {
            outcome = OperationOutcome.Of(ex);

            // The type only: exception messages may echo what the caller sent.
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            activity?.SetTag(MemoryTelemetry.Tags.ErrorType, ex.GetType().FullName);
            throw;
        }
        finally
        {
            activity?.SetTag(MemoryTelemetry.Tags.Outcome, outcome);
            metrics.RecordOperation(operation, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
