using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TripSage.Memory.Grains.Security;

namespace TripSage.Memory.Tests.Unit.Security;

/// <summary>Behaviour rules on a fake clock: a crossing reports once per window, never once per call.</summary>
public sealed class BehaviourMonitorTests
{
    private const string User = "alice";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));
    private readonly RecordingSecurityEventSink _events = new();
    private readonly BehaviourMonitor _monitor;

    public BehaviourMonitorTests()
    {
        _monitor = new BehaviourMonitor(Options.Create(new BehaviourPolicyOptions()), _clock, _events);
    }

    [Fact]
    public void Refused_FiveDenialsWithinAMinute_ReportsOneDenialBurst()
    {
        Deny(4);
        Assert.Empty(_events.Events);

        Deny(1);

        Assert.Equal([(User, SecurityRuleIds.DenialBurst, SecurityActionNames.Flag)], _events.Events.Select(e => (e.UserId, e.Rule, e.Action)));
    }

    [Fact]
    public void Refused_DenialsGoingOnWithinTheWindow_ReportOnlyOnce()
    {
        Deny(20);

        Assert.Single(_events.Events);
    }

    [Fact]
    public void Refused_DenialsGoingOnIntoTheNextWindow_ReportOncePerWindow()
    {
        Deny(5);
        _clock.Advance(TimeSpan.FromMinutes(1));

        Deny(5);

        Assert.Equal(2, _events.Events.Count);
    }

    [Fact]
    public void Refused_DenialsSpreadWiderThanTheWindow_ReportNothing()
    {
        for (var i = 0; i < 10; i++)
        {
            Deny(1);
            _clock.Advance(TimeSpan.FromSeconds(20));
        }

        Assert.Empty(_events.Events);
    }

    [Fact]
    public void Refused_ThreeRateLimitRejectionsWithinAMinute_ReportsOneStorm()
    {
        for (var i = 0; i < 6; i++)
        {
            _monitor.Refused(User, new RateLimitExceededException("write", TimeSpan.FromSeconds(1)));
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal([SecurityRuleIds.RateLimitStorm], _events.Events.Select(e => e.Rule));
    }

    [Fact]
    public void Refused_OtherFailures_AreNotBehaviour()
    {
        for (var i = 0; i < 10; i++)
        {
            _monitor.Refused(User, new MemoryValidationException("memories", "empty", "1 to 100 items"));
        }

        Assert.Empty(_events.Events);
    }

    [Fact]
    public void Forgot_HundredMemoriesWithinTenMinutes_ReportsOneMassForget()
    {
        for (var i = 0; i < 9; i++)
        {
            _monitor.Forgot(User, 11);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Empty(_events.Events);
        _monitor.Forgot(User, 1);
        _monitor.Forgot(User, 500);

        Assert.Equal([SecurityRuleIds.MassForget], _events.Events.Select(e => e.Rule));
    }

    [Fact]
    public void Forgot_OldForgetsSlidOutOfTheWindow_DoNotCount()
    {
        _monitor.Forgot(User, 99);
        _clock.Advance(TimeSpan.FromMinutes(10));

        _monitor.Forgot(User, 1);

        Assert.Empty(_events.Events);
    }

    private void Deny(int times)
    {
        for (var i = 0; i < times; i++)
        {
            _monitor.Refused(User, new AccessDeniedException("the token has expired"));
        }
    }
}
