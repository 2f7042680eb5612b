using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Security.Behaviour;

namespace TripSage.Memory.Tests.Unit.Security;

/// <summary>Behaviour rules on a fake clock: a crossing reports once per window, never once per call.</summary>
public sealed class BehaviourMonitorTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));
    private readonly List<SecurityFinding> _findings = [];
    private readonly BehaviourMonitor _monitor;

    public BehaviourMonitorTests()
    {
        _monitor = new BehaviourMonitor(Options.Create(new BehaviourPolicyOptions()), _clock);
    }

    [Fact]
    public void Refused_FiveDenialsWithinAMinute_ReportsOneDenialBurst()
    {
        Deny(4);
        Assert.Empty(_findings);

        Deny(1);

        Assert.Equal([(SecurityRuleIds.DenialBurst, SecurityActionNames.Flag)], _findings.Select(e => (e.Rule, e.Action)));
    }

    [Fact]
    public void Refused_DenialsGoingOnWithinTheWindow_ReportOnlyOnce()
    {
        Deny(20);

        Assert.Single(_findings);
    }

    [Fact]
    public void Refused_DenialsGoingOnIntoTheNextWindow_ReportOncePerWindow()
    {
        Deny(5);
        _clock.Advance(TimeSpan.FromMinutes(1));

        Deny(5);

        Assert.Equal(2, _findings.Count);
    }

    [Fact]
    public void Refused_DenialsSpreadWiderThanTheWindow_ReportNothing()
    {
        for (var i = 0; i < 10; i++)
        {
            Deny(1);
            _clock.Advance(TimeSpan.FromSeconds(20));
        }

        Assert.Empty(_findings);
    }

    [Fact]
    public void Refused_ThreeRateLimitRejectionsWithinAMinute_ReportsOneStorm()
    {
        for (var i = 0; i < 6; i++)
        {
            Keep(_monitor.Refused(new RateLimitExceededException("write", TimeSpan.FromSeconds(1))));
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal([SecurityRuleIds.RateLimitStorm], _findings.Select(e => e.Rule));
    }

    [Fact]
    public void Refused_OtherFailures_AreNotBehaviour()
    {
        for (var i = 0; i < 10; i++)
        {
            Keep(_monitor.Refused(new MemoryValidationException("memories", "empty", "1 to 100 items")));
        }

        Assert.Empty(_findings);
    }

    [Fact]
    public void Forgot_HundredMemoriesWithinTenMinutes_ReportsOneMassForget()
    {
        for (var i = 0; i < 9; i++)
        {
            Keep(_monitor.Forgot(11));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Empty(_findings);
        Keep(_monitor.Forgot(1));
        Keep(_monitor.Forgot(500));

        Assert.Equal([SecurityRuleIds.MassForget], _findings.Select(e => e.Rule));
    }

    [Fact]
    public void Forgot_OldForgetsSlidOutOfTheWindow_DoNotCount()
    {
        Keep(_monitor.Forgot(99));
        _clock.Advance(TimeSpan.FromMinutes(10));

        Keep(_monitor.Forgot(1));

        Assert.Empty(_findings);
    }

    private void Deny(int times)
    {
        for (var i = 0; i < times; i++)
        {
            Keep(_monitor.Refused(new AccessDeniedException("the token has expired")));
        }
    }

    private void Keep(SecurityFinding? finding)
    {
        if (finding is not null)
        {
            _findings.Add(finding);
        }
    }
}
