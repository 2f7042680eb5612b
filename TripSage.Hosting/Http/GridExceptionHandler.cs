using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace TripSage.Memory.Hosting.Http;

/// <summary>
/// Answers every failed request of the silo host with a problem document (<see cref="GridProblems"/>);
/// a rate-limited call also gets <c>Retry-After</c>. An unexpected failure is logged with its
/// exception and answered 500 with the trace id only.
/// </summary>
internal sealed class GridExceptionHandler(IProblemDetailsService problems, ILogger<GridExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var route = (httpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        var problem = GridProblems.Describe(exception);
        if (problem is null)
        {
            HttpApiLog.UnexpectedFailure(logger, exception, httpContext.Request.Method, route);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Unexpected error",
                Detail = "The request failed unexpectedly; the silo's log has the details under this request's trace id.",
            };
        }
        else if (exception is SnapshotUnreadableException)
        {
            HttpApiLog.SnapshotUnreadable(logger, httpContext.Request.Method, route);
        }

        if (exception is RateLimitExceededException limited)
        {
            httpContext.Response.Headers.RetryAfter = GridProblems.RetryAfterSeconds(limited.RetryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }
}
