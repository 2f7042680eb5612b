using System.Net;
using System.Net.Http.Headers;
using TripSage.Memory.Hosting.Telemetry;

namespace TripSage.Memory.Tests.Integration.Telemetry;

/// <summary>The silo host's <c>/metrics</c> and <c>/dashboard</c> endpoints.</summary>
[Collection(TelemetrySiloCollection.Name)]
public sealed class SiloEndpointTests(TelemetrySiloFixture silo)
{
    [Fact]
    public async Task Metrics_AfterOperations_ServesPrometheusTextWithGridAndOrleansSeries()
    {
        await MetricsTests.RunAFewOperationsAsync(silo);

        var names = await silo.ScrapeSampleNamesAsync();

        Assert.Contains("tripsage_memory_operations_total", names);
        Assert.Contains("tripsage_memory_operation_duration_seconds_bucket", names);
        Assert.Contains("tripsage_memory_active_users", names);
        Assert.Contains(names, name => name.StartsWith("orleans_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_WithoutTheAdminToken_IsUnauthorized()
    {
        var response = await silo.Http.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithTheAdminTokenAsBearer_Serves()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/version");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TelemetrySiloFixture.DashboardToken);

        var response = await silo.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithTheAdminTokenInTheQuery_ServesAndSetsTheCookie()
    {
        var response = await silo.Http.GetAsync($"/dashboard/?{DashboardAccessFilter.TokenQueryParameter}={TelemetrySiloFixture.DashboardToken}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DashboardAccessFilter.CookieName + "=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Dashboard_GrainStateViewer_IsClosedEvenWithTheToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/GrainState?grainId=usermemory/alice&grainType=x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TelemetrySiloFixture.DashboardToken);

        var response = await silo.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
