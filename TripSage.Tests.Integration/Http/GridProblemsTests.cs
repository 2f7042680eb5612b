using Microsoft.AspNetCore.Http;
using TripSage.Memory.Hosting.Http;

namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>
/// The answers for failures the HTTP tests cannot provoke cheaply through a live silo (the store away,
/// an unreadable snapshot): the same mapping the exception handler applies to every request.
/// </summary>
public sealed class GridProblemsTests
{
    [Fact]
    public void Describe_StoreUnavailable_Is503WithItsMessage()
    {
        var problem = GridProblems.Describe(new StoreUnavailableException("the memory store is unreachable; nothing was changed, retry once it is back"))!;

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.Status);
        Assert.Equal("the memory store is unreachable; nothing was changed, retry once it is back", problem.Detail);
    }

    [Fact]
    public void Describe_SnapshotUnreadable_Is500WithoutTheOperatorsDetails()
    {
        var problem = GridProblems.Describe(new SnapshotUnreadableException("key 'k9' is not in TripSage:Encryption:Keys"))!;

        Assert.Equal(StatusCodes.Status500InternalServerError, problem.Status);
        Assert.DoesNotContain("k9", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_AnUnexpectedException_IsLeftToTheGenericAnswer()
    {
        Assert.Null(GridProblems.Describe(new InvalidOperationException("boom")));
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(1.0, 1)]
    [InlineData(1.01, 2)]
    [InlineData(3600, 3600)]
    public void RetryAfterSeconds_RoundsUpToWholeSecondsOfAtLeastOne(double seconds, long expected)
    {
        Assert.Equal(expected, GridProblems.RetryAfterSeconds(TimeSpan.FromSeconds(seconds)));
    }
}
