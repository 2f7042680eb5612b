using Microsoft.AspNetCore.Mvc;

namespace TripSage.Memory.Hosting.Http;

/// <summary>
/// The one mapping from what went wrong to an HTTP answer: the grid's typed exceptions and ASP.NET's
/// own request errors (malformed JSON, wrong content type, body too large) become a status code and a
/// problem document that says what to change, never a stack trace nor the user's text.
/// </summary>
internal static class GridProblems
{
    /// <summary>The wait of a rate-limited answer in whole seconds, rounded up and at least 1, as <c>Retry-After</c> carries it.</summary>
    public static long RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));

    /// <summary>The problem for <paramref name="exception"/>, or <see langword="null"/> for an unexpected one.</summary>
    public static ProblemDetails? Describe(Exception exception) => exception switch
    {
        MemoryValidationException invalid => Problem(StatusCodes.Status400BadRequest, "Invalid request", invalid.Message, ("field", invalid.Field), ("allowed", invalid.Allowed)),
        AccessDeniedException denied => Problem(StatusCodes.Status403Forbidden, "Forbidden", denied.Reason),
        MemoryNotFoundException missing => Problem(StatusCodes.Status404NotFound, "Memory not found", missing.Message, ("memoryId", missing.MemoryId)),
        MemoryRejectedException rejected => Problem(StatusCodes.Status422UnprocessableEntity, "Rejected by the content policy", rejected.Message, ("field", rejected.Field), ("rules", rejected.Rules)),
        RateLimitExceededException limited => Problem(
            StatusCodes.Status429TooManyRequests,
            "Rate limit reached",
            limited.Message,
            ("operationClass", limited.OperationClass),
            ("retryAfterSeconds", RetryAfterSeconds(limited.RetryAfter))),
        StoreUnavailableException unavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Store unavailable", unavailable.Message, ("outcomeUnknown", unavailable.OutcomeUnknown)),
        GridUnavailableException unavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Grid unavailable", unavailable.Message, ("outcomeUnknown", unavailable.OutcomeUnknown)),
        SnapshotUnreadableException => Problem(
            StatusCodes.Status500InternalServerError,
            "Stored memory unreadable",
            "This user's stored memory cannot be decrypted or authenticated; it is left untouched until an operator fixes the key ring or the store."),
        BadHttpRequestException bad => Problem(bad.StatusCode, TitleOf(bad.StatusCode), DetailOf(bad)),
        _ => null,
    };

    /// <summary>
    /// The problem for an error status the framework answered without a body: a body over the limit
    /// (413), a body that is not JSON (415), a route that does not exist (404) or a method it does not
    /// take (405).
    /// </summary>
    public static ProblemDetails ForStatus(int status) => new()
    {
        Status = status,
        Title = TitleOf(status),
        Detail = status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than this route accepts (TripSage:Http:MaxRequestBodyBytes; import: MaxImportBodyBytes); nothing was changed.",
            StatusCodes.Status415UnsupportedMediaType => "The request body must be sent as application/json; nothing was changed.",
            StatusCodes.Status404NotFound => "No route of the API matches this path; the OpenAPI document at /openapi/v1.json lists them.",
            StatusCodes.Status405MethodNotAllowed => "This route does not take this method; the OpenAPI document at /openapi/v1.json lists the methods of each route.",
            _ => "The request could not be served; nothing was changed.",
        },
    };

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported content type",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed",
        StatusCodes.Status400BadRequest => "Bad request",
        _ => "Request failed",
    };

    // The JSON reader's message names the path and position of the fault, never the value itself.
    private static string DetailOf(BadHttpRequestException bad) => bad.InnerException is System.Text.Json.JsonException json
        ? $"{bad.Message} {json.Message}"
        : bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? $"{bad.Message} Send the body as application/json."
            : bad.Message;

    private static ProblemDetails Problem(int status, string title, string detail, params (string Key, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }
}
