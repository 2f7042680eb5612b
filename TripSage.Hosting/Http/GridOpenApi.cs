using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TripSage.Memory.Hosting.Http.Compatibility;

namespace TripSage.Memory.Hosting.Http;

/// <summary>
/// The OpenAPI document of the HTTP API: the <c>/v1</c> and <c>/memory</c> routes only, the bearer
/// scheme on every route that needs a token, the 413 and 415 answers of routes with a body, and an
/// example on the schemas of what callers send (<see cref="OpenApiExamples"/>).
/// </summary>
internal static class GridOpenApi
{
    public const string SecuritySchemeName = "bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description =>
            description.RelativePath is { } path && (path.StartsWith("v1/", StringComparison.Ordinal) || path.StartsWith(CompatibilityEndpoints.Prefix[1..], StringComparison.Ordinal));
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "TripSage Memory Grid",
                Version = HttpApiExtensions.DocumentName,
                Description = "Long-term memory for AI travel agents: one user's memory per route prefix `/v1/users/{userId}`, and TripSage's own memory routes under `/memory`. "
                    + "Every call needs a bearer token (JWT) for that user, or one with the admin scope. Errors are RFC 9457 problem documents; a rate-limited call is answered 429 with `Retry-After`.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token whose `sub` is the user id, issued by your identity provider (in Development: `tripsage token --user <id>`).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = [] });
            }

            if (operation.RequestBody is not null)
            {
                operation.Responses ??= [];
                operation.Responses.TryAdd("413", new OpenApiResponse { Description = "The body is larger than `TripSage:Http:MaxRequestBodyBytes` (import: `MaxImportBodyBytes`)." });
                operation.Responses.TryAdd("415", new OpenApiResponse { Description = "The body is not `application/json`." });
            }

            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (OpenApiExamples.For(context.JsonTypeInfo.Type) is { } example)
            {
                schema.Examples = [example];
            }

            return Task.CompletedTask;
        });
    }
}
