using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using TripSage.Memory.Client;

namespace TripSage.Memory.Tests.Unit.Client;

/// <summary>How long a client call waits: the bound on calls in flight on a silo that died (issue 11, finding 6).</summary>
public sealed class MemoryClientOptionsTests
{
    [Fact]
    public void AddTripSageMemoryClient_Defaults_WaitsTenSecondsNotOrleansThirty()
    {
        var services = new ServiceCollection().AddTripSageMemoryClient();

        var messaging = services.BuildServiceProvider().GetRequiredService<IOptions<ClientMessagingOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(10), messaging.ResponseTimeout);
    }

    [Fact]
    public void AddTripSageMemoryClient_ResponseTimeoutSet_IsWhatTheClientWaits()
    {
        var services = new ServiceCollection().AddTripSageMemoryClient(o => o.ResponseTimeout = TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), services.BuildServiceProvider().GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(301)]
    public void AddTripSageMemoryClient_ResponseTimeoutOutOfRange_NamesTheOption(int seconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddTripSageMemoryClient(o => o.ResponseTimeout = TimeSpan.FromSeconds(seconds)));

        Assert.Contains("MemoryClientOptions.ResponseTimeout", error.Message);
    }

    [Theory]
    [InlineData(nameof(MemoryClientOptions.MaxAttempts))]
    [InlineData(nameof(MemoryClientOptions.RetryDelay))]
    [InlineData(nameof(MemoryClientOptions.GatewayLossGrace))]
    public void AddTripSageMemoryClient_RetrySettingOutOfRange_NamesTheOption(string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddTripSageMemoryClient(o =>
        {
            switch (option)
            {
                case nameof(MemoryClientOptions.MaxAttempts): o.MaxAttempts = 0; break;
                case nameof(MemoryClientOptions.RetryDelay): o.RetryDelay = TimeSpan.FromSeconds(-1); break;
                default: o.GatewayLossGrace = o.ResponseTimeout + TimeSpan.FromSeconds(1); break;
            }
        }));

        Assert.Contains($"MemoryClientOptions.{option}", error.Message);
    }
}
