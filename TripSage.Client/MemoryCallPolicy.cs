using Orleans.Runtime.Messaging;
using Polly.Timeout;

namespace TripSage.Memory.Client;

/// <summary>
/// How every call of <see cref="MemoryClient"/> meets a failing cluster: a call in flight when a gateway
/// connection closes gets <see cref="MemoryClientOptions.GatewayLossGrace"/> more to answer, then counts
/// as lost; a call that is safe to repeat (a read, or a remember, whose items carry idempotency keys) is
/// sent again after a transient failure, up to <see cref="MemoryClientOptions.MaxAttempts"/> times with a
/// doubling delay; every other write is sent once. A transient failure that is not retried reaches the
/// caller as <see cref="GridUnavailableException"/>, never as an Orleans transport exception.
/// </summary>
internal sealed class MemoryCallPolicy(MemoryClientOptions options, GatewayLossSignal? gatewayLoss)
{
    /// <summary>Runs <paramref name="call"/>, again while it fails transiently when <paramref name="safeToRetry"/>.</summary>
    /// <param name="operation">The grid operation, for the error: <c>remember</c>, <c>search</c>, ...</param>
    /// <param name="safeToRetry">Whether sending the call twice has the effect of sending it once.</param>
    /// <param name="call">Sends the call; invoked once per attempt.</param>
    public async Task<T> RunAsync<T>(string operation, bool safeToRetry, Func<Task<T>> call)
    {
        var delay = options.RetryDelay;
        var mayHaveRun = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await FailFastAsync(call);
            }
            catch (Exception failure) when (OutcomeUnknownAfter(failure) is { } outcomeUnknown)
            {
                // One attempt that may have run makes the whole call's outcome unknown, whatever later attempts met.
                mayHaveRun |= outcomeUnknown;
                if (!safeToRetry || attempt >= options.MaxAttempts)
                {
                    throw new GridUnavailableException(operation, mayHaveRun, attempt, failure);
                }
            }

            // Jittered, so that the many callers a silo's death fails at once do not come back in step.
            await Task.Delay(delay * (0.5 + Random.Shared.NextDouble()));
            delay *= 2;
        }
    }

    /// <summary>
    /// Whether <paramref name="failure"/> is a transient failure of the cluster, and if so whether the call may
    /// have reached the user's memory (<see langword="true"/>) or was refused on its way (<see langword="false"/>);
    /// <see langword="null"/> for any other failure, which the caller gets as it is.
    /// </summary>
    internal static bool? OutcomeUnknownAfter(Exception failure) => failure switch
    {
        // Sent and never answered: its silo died with it in flight, or no answer came in time.
        GatewayLostException or TimeoutException or SiloUnavailableException => true,

        // Refused before any grain ran it: no gateway, a connection that could not be made, a message rejected on its way.
        ConnectionFailedException or OrleansMessageRejectionException or GatewayTooBusyException => false,

        // The silo gave up finding a place for the grain (Orleans' placement timeout, Polly's exception, e.g. while
        // the silo owning the user's directory entry is unresponsive but not yet declared dead): no grain ran it.
        TimeoutRejectedException => false,
        _ => null,
    };

    /// <summary>
    /// The call's answer, or <see cref="GatewayLostException"/> when a gateway connection closed while it
    /// was in flight and no answer came within the grace.
    /// </summary>
    private async Task<T> FailFastAsync<T>(Func<Task<T>> call)
    {
        // Taken before the call is sent: a loss after this moment may have taken the call with it.
        var lost = gatewayLoss?.NextLoss ?? CancellationToken.None;
        var answer = call();
        if (!lost.CanBeCanceled)
        {
            return await answer;
        }

        try
        {
            return await answer.WaitAsync(lost);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            // A connection closed; calls through the others answer within the grace as usual.
        }

        try
        {
            return await answer.WaitAsync(options.GatewayLossGrace);
        }
        catch (TimeoutException) when (!answer.IsCompleted)
        {
            // Its late failure (the response timeout) must not go unobserved.
            _ = answer.ContinueWith(static abandoned => abandoned.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            throw new GatewayLostException();
        }
    }
}
