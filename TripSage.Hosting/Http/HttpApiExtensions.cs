using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using TripSage.Memory.Grains;
using TripSage.Memory.Hosting.Http.Compatibility;

namespace TripSage.Memory.Hosting.Http;

/// <summary>
/// The HTTP API of the silo host: <c>/v1/users/{userId}/...</c>, the TripSage-compatible
/// <c>/memory/...</c>, the OpenAPI document at <c>/openapi/v1.json</c> and the reference page at
/// <c>/docs</c>. Every route calls <see cref="TripSage.Memory.Client.IMemoryClient"/> with the caller's token,
/// so the grain call filter applies the same rules as to every other caller.
/// </summary>
internal static class HttpApiExtensions
{
    public const string UsersPrefix = "/v1/users/{userId}";
    public const string DocumentName = "v1";
    public const string OpenApiPath = "/openapi/{documentName}.json";
    public const string ReferencePagePath = "/docs";

    public static WebApplicationBuilder AddTripSageHttpApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<HttpApiOptions, HttpApiOptionsValidator>(builder.Configuration, HttpApiOptions.SectionName);
        services.AddProblemDetails();
        services.AddExceptionHandler<GridExceptionHandler>();

        // Binding failures (malformed JSON, wrong content type, a body too large) become exceptions that
        // GridExceptionHandler answers with a problem document, instead of an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));
        services.AddOpenApi(DocumentName, GridOpenApi.Configure);
        return builder;
    }

    public static WebApplication MapTripSageHttpApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<HttpApiOptions>>().Value;
        app.UseExceptionHandler();
        app.UseStatusCodePages(AnswerEmptyErrorAsync);
        RequestBodyLimit.Apply(app);

        var limit = new RequestBodyLimit(options.MaxRequestBodyBytes);
        var user = Secure(app.MapGroup(UsersPrefix)).WithMetadata(limit);
        user.MapUserMemories();
        user.MapUserProfile(options);
        user.MapUserAudit();
        Secure(app.MapGroup(string.Empty)).MapMem0Import(options);
        app.MapTripSageCompatibility(group => Secure(group).WithMetadata(limit));

        app.MapOpenApi(OpenApiPath);
        if (options.ServesReferencePage(app.Environment))
        {
            app.MapScalarApiReference(ReferencePagePath, page => page
                .WithTitle("TripSage Memory Grid API")
                .WithOpenApiRoutePattern(OpenApiPath));
        }
        else
        {
            HttpApiLog.ReferencePageClosed(app.Logger, $"{HttpApiOptions.SectionName}:ReferencePage");
        }

        return app;
    }

    /// <summary>
    /// The JSON of an export document: everything a memory holds, its stored embedding included, so
    /// that importing it back needs no embedding work.
    /// </summary>
    public static readonly JsonSerializerOptions ExportJson = Complete(new JsonSerializerOptions());

    /// <summary>
    /// The JSON the API reads and writes: camelCase, enums as camelCase strings, nulls left out, and
    /// memories written without their stored (quantized) embedding, which only an export needs.
    /// </summary>
    public static void Configure(JsonSerializerOptions json)
    {
        Complete(json);
        json.TypeInfoResolver = (json.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(OmitStoredEmbedding);
    }

    private static JsonSerializerOptions Complete(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return json;
    }

    private static void OmitStoredEmbedding(JsonTypeInfo type)
    {
        if (type.Type == typeof(MemoryRecord))
        {
            foreach (var property in type.Properties.Where(p => p.AttributeProvider is System.Reflection.PropertyInfo { Name: nameof(MemoryRecord.QuantizedEmbedding) }))
            {
                property.ShouldSerialize = static (_, _) => false;
            }
        }
    }

    // The server answers some errors without a body (413 while reading, 415 before binding, 404, 405):
    // on the API's paths they get a problem document like every other error.
    private static async Task AnswerEmptyErrorAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (IsApiPath(http.Request.Path))
        {
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = GridProblems.ForStatus(http.Response.StatusCode) });
        }
    }

    private static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/v1", StringComparison.Ordinal) || path.StartsWithSegments(CompatibilityEndpoints.Prefix, StringComparison.Ordinal);

    // Every route that reaches a user's memory: a token required, and forwarded to the grain.
    private static RouteGroupBuilder Secure(RouteGroupBuilder group) => group
        .RequireGridBearer()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
