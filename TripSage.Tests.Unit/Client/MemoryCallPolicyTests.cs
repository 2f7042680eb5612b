using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Polly.Timeout;
using Orleans.Runtime.Messaging;
using TripSage.Memory.Client;

namespace TripSage.Memory.Tests.Unit.Client;

/// <summary>
/// Which calls the client repeats on a failing cluster, how it gives up calls in flight when a gateway
/// connection closes, and what a caller gets instead of Orleans' transport exceptions (issue 12, item 2; issue 11, finding 6).
/// </summary>
public sealed class MemoryCallPolicyTests
{
    private static readonly MemoryClientOptions Fast = new() { MaxAttempts = 3, RetryDelay = TimeSpan.Zero, GatewayLossGrace = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task RunAsync_SafeCallRejectedThenAnswered_IsSentAgainAndAnswers()
    {
        var attempts = 0;

        var answer = await new MemoryCallPolicy(Fast, gatewayLoss: null).RunAsync("search", safeToRetry: true, () =>
            ++attempts < 3 ? Task.FromException<int>(new ConnectionFailedException("Unable to connect")) : Task.FromResult(42));

        Assert.Equal(42, answer);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task RunAsync_WriteThatIsNotSafeTimesOut_IsSentOnceAndFailsWithOutcomeUnknown()
    {
        var attempts = 0;

        var error = await Assert.ThrowsAsync<GridUnavailableException>(() => new MemoryCallPolicy(Fast, gatewayLoss: null).RunAsync("update", safeToRetry: false, () =>
        {
            attempts++;
            return Task.FromException<int>(new TimeoutException("Response did not arrive on time in 00:00:10 for message: Request [ sys.client/...]"));
        }));

        Assert.Equal(1, attempts);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal("update", error.Operation);
        Assert.DoesNotContain("sys.client", error.Message);
    }

    [Fact]
    public async Task RunAsync_SafeCallKeepsFailing_StopsAtMaxAttemptsAndKeepsOutcomeUnknownOfAnyAttempt()
    {
        var attempts = 0;

        var error = await Assert.ThrowsAsync<GridUnavailableException>(() => new MemoryCallPolicy(Fast, gatewayLoss: null).RunAsync("remember", safeToRetry: true, () =>
            ++attempts == 1
                ? Task.FromException<int>(new SiloUnavailableException())
                : Task.FromException<int>(new ConnectionFailedException("Unable to connect"))));

        Assert.Equal(3, attempts);
        Assert.Equal(3, error.Attempts);
        Assert.True(error.OutcomeUnknown);
    }

    /// <summary>
    /// Orleans' placement timeout (while the silo owning the user's directory entry is frozen) reached clients as
    /// <c>CodecNotFoundException</c> in the chaos split-activation run; the silo now sends it and the client
    /// knows it was refused before any grain ran it.
    /// </summary>
    [Fact]
    public async Task RunAsync_PlacementTimeoutFromTheSilo_IsSentAgainThenSaysNothingChanged()
    {
        var silo = new ServiceCollection().AddSerializer().Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Polly")).BuildServiceProvider().GetRequiredService<Serializer>();
        var client = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var attempts = 0;

        var error = await Assert.ThrowsAsync<GridUnavailableException>(() => new MemoryCallPolicy(Fast, gatewayLoss: null).RunAsync("search", safeToRetry: true, () =>
        {
            attempts++;
            var sent = client.Deserialize<Exception>(silo.SerializeToArray<Exception>(new TimeoutRejectedException("The operation didn't complete within the allowed timeout of '00:00:30'.")));
            return Task.FromException<int>(sent!);
        }));

        Assert.Equal(3, attempts);
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task RunAsync_RejectedOnItsWay_SaysNothingChanged()
    {
        var error = await Assert.ThrowsAsync<GridUnavailableException>(() => new MemoryCallPolicy(Fast, gatewayLoss: null).RunAsync("forget", safeToRetry: false, () =>
            Task.FromException<int>(new ConnectionFailedException("Exception while sending message: Unable to connect to S127.0.0.1:35057:154723992"))));

        Assert.False(error.OutcomeUnknown);
        Assert.DoesNotContain("127.0.0.1", error.Message);
    }

    [Fact]
    public async Task RunAsync_GridRefusal_ReachesTheCallerUnchangedAndIsNotRepeated()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<MemoryValidationException>(() => new MemoryCallPolicy(Fast, gatewayLoss: null).RunAsync("remember", safeToRetry: true, () =>
        {
            attempts++;
            return Task.FromException<int>(new MemoryValidationException("memories[0].text", "empty", "text"));
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RunAsync_GatewayConnectionClosesWithCallInFlight_GivesUpAfterTheGraceNotTheResponseTimeout()
    {
        var signal = new GatewayLossSignal();
        var neverAnswered = new TaskCompletionSource<int>();

        var call = new MemoryCallPolicy(Fast, signal).RunAsync("update", safeToRetry: false, () => neverAnswered.Task);
        signal.NotifyGatewayCountChanged(1, 2, connectionRecovered: false);

        var error = await Assert.ThrowsAsync<GridUnavailableException>(() => call);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task RunAsync_GatewayConnectionClosesWhileSafeCallInFlight_SendsItAgain()
    {
        var signal = new GatewayLossSignal();
        var attempts = 0;

        var call = new MemoryCallPolicy(Fast, signal).RunAsync("remember", safeToRetry: true, () =>
            ++attempts == 1 ? new TaskCompletionSource<int>().Task : Task.FromResult(7));
        signal.NotifyGatewayCountChanged(1, 2, connectionRecovered: false);

        Assert.Equal(7, await call);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task RunAsync_GatewayConnectionOpens_LeavesCallsInFlightAlone()
    {
        var signal = new GatewayLossSignal();
        var answer = new TaskCompletionSource<int>();

        var call = new MemoryCallPolicy(Fast, signal).RunAsync("search", safeToRetry: true, () => answer.Task);
        signal.NotifyGatewayCountChanged(2, 1, connectionRecovered: true);
        await Task.Delay(Fast.GatewayLossGrace * 3);
        answer.SetResult(5);

        Assert.Equal(5, await call);
    }
}
