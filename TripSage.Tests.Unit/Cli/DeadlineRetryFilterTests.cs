using Microsoft.Extensions.Time.Testing;
using TripSage.Memory.Cli.Grid;

namespace TripSage.Memory.Tests.Unit.Cli;

/// <summary>The connect timeout counts the gateway's silence, not the client's own start-up.</summary>
public sealed class DeadlineRetryFilterTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task ShouldRetry_AfterASlowStartUp_StillRetriesForTheWholeConnectTimeout()
    {
        var filter = new DeadlineRetryFilter(_clock, ConnectTimeout, RetryDelay);
        _clock.Advance(TimeSpan.FromSeconds(12));

        var retries = await CountRetriesAsync(filter);

        Assert.Equal(9, retries);
        Assert.True(filter.GaveUp);
        Assert.Equal(10, filter.Failures.Count);
    }

    [Fact]
    public async Task ShouldRetry_Cancelled_StopsWithoutGivingUpOnTheGateway()
    {
        var filter = new DeadlineRetryFilter(_clock, ConnectTimeout, RetryDelay);

        var retry = await filter.ShouldRetryConnectionAttempt(new IOException("refused"), new CancellationToken(canceled: true));

        Assert.False(retry);
        Assert.False(filter.GaveUp);
    }

    private async Task<int> CountRetriesAsync(DeadlineRetryFilter filter)
    {
        var retries = 0;
        while (true)
        {
            var attempt = filter.ShouldRetryConnectionAttempt(new IOException("connection refused"), CancellationToken.None);
            while (!attempt.IsCompleted)
            {
                _clock.Advance(RetryDelay);
            }

            if (!await attempt)
            {
                return retries;
            }

            retries++;
        }
    }
}
