using System.Net;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>429 with <c>Retry-After</c> on every route, from the user's own token bucket inside the grain.</summary>
public sealed class HttpRateLimitTests(RateLimitedHttpSiloFixture silo) : IClassFixture<RateLimitedHttpSiloFixture>
{
    [Theory]
    [MemberData(nameof(HttpRoutes.All), MemberType = typeof(HttpRoutes))]
    public async Task Route_WhenTheUsersBucketIsEmpty_Is429WithRetryAfter(HttpRoute route)
    {
        var userId = TestUsers.New();
        using var http = silo.As(userId);

        // The first call takes the bucket's only token, whatever it answers (a 404 is charged too).
        using var first = await http.SendAsync(route.Request(userId));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        using var second = await http.SendAsync(route.Request(userId));

        var problem = await HttpAssert.ProblemAsync(second, HttpStatusCode.TooManyRequests);
        var retryAfter = second.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1), $"Retry-After {retryAfter}");
        Assert.Equal(retryAfter!.Value.TotalSeconds, problem.GetProperty("retryAfterSeconds").GetDouble());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("operationClass").GetString()));
    }
}
