using TripSage.Memory.Cli.Arguments;

namespace TripSage.Memory.Tests.Unit.Cli;

public sealed class ExpiryArgumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryParse_IsoTimeWithOffset_ReturnsThatMoment()
    {
        var parsed = ExpiryArgument.TryParse("2026-04-01T09:30:00+02:00", Now, out var expiresAt, out var error);

        Assert.True(parsed, error);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 9, 30, 0, TimeSpan.FromHours(2)), expiresAt);
    }

    [Fact]
    public void TryParse_IsoTimeWithFractionAndZ_ReturnsThatMoment()
    {
        var parsed = ExpiryArgument.TryParse("2026-04-01T09:30:00.250Z", Now, out var expiresAt, out var error);

        Assert.True(parsed, error);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 9, 30, 0, 250, TimeSpan.Zero), expiresAt);
    }

    [Fact]
    public void TryParse_IsoDateWithoutOffset_ReadsAsUtcMidnight()
    {
        var parsed = ExpiryArgument.TryParse("2026-04-01", Now, out var expiresAt, out var error);

        Assert.True(parsed, error);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), expiresAt);
    }

    [Fact]
    public void TryParse_ThirtyDays_ReturnsNowPlusThirtyDays()
    {
        var parsed = ExpiryArgument.TryParse("30d", Now, out var expiresAt, out var error);

        Assert.True(parsed, error);
        Assert.Equal(Now.AddDays(30), expiresAt);
    }

    [Fact]
    public void TryParse_TwelveHours_ReturnsNowPlusTwelveHours()
    {
        var parsed = ExpiryArgument.TryParse("12h", Now, out var expiresAt, out var error);

        Assert.True(parsed, error);
        Assert.Equal(Now.AddHours(12), expiresAt);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("30")]
    [InlineData("d30")]
    [InlineData("1.5h")]
    [InlineData("2026-13-01")]
    [InlineData("01/04/2026")]
    public void TryParse_Garbage_RejectedNamingAcceptedForms(string text)
    {
        var parsed = ExpiryArgument.TryParse(text, Now, out _, out var error);

        Assert.False(parsed);
        Assert.Equal($"--expires '{text}' is not understood; expected {ExpiryArgument.Accepted}", error);
    }

    [Fact]
    public void TryParse_UnknownUnit_RejectedNamingUnit()
    {
        var parsed = ExpiryArgument.TryParse("3y", Now, out _, out var error);

        Assert.False(parsed);
        Assert.StartsWith("--expires '3y' has an unknown unit 'y'", error);
    }

    [Fact]
    public void TryParse_PastTime_RejectedAsNotInFuture()
    {
        var parsed = ExpiryArgument.TryParse("2026-02-28T12:00:00Z", Now, out _, out var error);

        Assert.False(parsed);
        Assert.StartsWith("--expires '2026-02-28T12:00:00Z' is not in the future", error);
    }

    [Fact]
    public void TryParse_ZeroDuration_RejectedAsNotAfterNow()
    {
        var parsed = ExpiryArgument.TryParse("0d", Now, out _, out var error);

        Assert.False(parsed);
        Assert.StartsWith("--expires '0d' is not after now", error);
    }

    [Fact]
    public void TryParse_DurationBeyondCalendar_RejectedAsTooFar()
    {
        var parsed = ExpiryArgument.TryParse("99999999999999999999d", Now, out _, out var error);

        Assert.False(parsed);
        Assert.Equal("--expires '99999999999999999999d' is too far in the future", error);
    }
}
