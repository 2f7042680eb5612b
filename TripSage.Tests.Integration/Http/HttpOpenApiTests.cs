using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using TripSage.Memory.Grains.Operations;
using TripSage.Memory.Hosting.Http;

namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>The OpenAPI document describes every route of the API and parses as OpenAPI 3; the reference page is served in Development.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class HttpOpenApiTests(HttpSiloFixture silo)
{
    [Fact]
    public async Task Document_ParsesAsOpenApi3_WithoutErrors()
    {
        var (document, diagnostic) = await DocumentAsync();

        Assert.Empty(diagnostic.Errors);
        Assert.StartsWith("3.", diagnostic.SpecificationVersion switch
        {
            OpenApiSpecVersion.OpenApi3_0 => "3.0",
            OpenApiSpecVersion.OpenApi3_1 => "3.1",
            var other => other.ToString(),
        }, StringComparison.Ordinal);
        Assert.Equal("TripSage Memory Grid", document.Info.Title);
        Assert.NotEmpty(document.Components!.Schemas!);
        Assert.True(document.Components.SecuritySchemes!.ContainsKey(GridOpenApi.SecuritySchemeName));
    }

    [Fact]
    public async Task Document_ListsEveryMappedRouteAndMethod()
    {
        var (document, _) = await DocumentAsync();
        var mapped = ApiEndpoints().Select(e => $"{e.Method} {e.Path}").Order().ToArray();

        var described = document.Paths
            .SelectMany(path => path.Value.Operations!.Keys.Select(method => $"{method.Method.ToUpperInvariant()} {path.Key}"))
            .Order()
            .ToArray();

        Assert.Equal(HttpRoutes.UserRoutes.Length + HttpRoutes.GridRoutes.Length + HttpRoutes.CompatibilityRoutes.Length + 1, mapped.Length);
        Assert.Equal(mapped, described);
    }

    [Fact]
    public async Task Document_EveryOperationNamesItsGridOperation_AndIsSecuredButHealth()
    {
        var (document, _) = await DocumentAsync();
        var catalogue = MemoryOperations.All.Select(o => o.Name).ToHashSet();

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                if (path == "/memory/health")
                {
                    Assert.True(operation.Security is null || operation.Security.Count == 0, $"{method} {path} needs no token");
                    continue;
                }

                // A user's /v1 operations are named after the grid operation; the others (TripSage's, named after its
                // Python functions, and the grid-wide import that runs `import` per user) name it in their description.
                var operationName = path.StartsWith("/v1/users/", StringComparison.Ordinal)
                    ? operation.OperationId!
                    : System.Text.RegularExpressions.Regex.Match(operation.Description!, "Grid operation `([a-z_]+)`").Groups[1].Value;
                Assert.Contains(operationName, catalogue);
                Assert.Contains($"Grid operation `{operationName}`", operation.Description, StringComparison.Ordinal);
                Assert.NotNull(operation.Security);
                Assert.Single(operation.Security);
                Assert.Contains("401", operation.Responses!.Keys);
                Assert.Contains("429", operation.Responses.Keys);
            }
        }
    }

    [Fact]
    public async Task Document_RequestBodiesCarryExamples_AndMayBe413Or415()
    {
        var (document, _) = await DocumentAsync();

        var remember = document.Paths["/v1/users/{userId}/memories"].Operations![HttpMethod.Post];
        Assert.Contains("413", remember.Responses!.Keys);
        Assert.Contains("415", remember.Responses.Keys);
        foreach (var schema in new[] { "RememberRequest", "SearchQuery", "Conversation", "MemoryUpdate", "CompatSearchRequest", "CompatConversationRequest", "CompatPreferencesRequest" })
        {
            Assert.True(document.Components!.Schemas!.TryGetValue(schema, out var described), $"no schema {schema}");
            Assert.NotEmpty(described.Examples!);
        }
    }

    [Fact]
    public async Task ReferencePage_InDevelopment_IsServedAtDocs()
    {
        using var http = silo.Anonymous();

        using var response = await http.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("TripSage Memory Grid API", page, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", page, StringComparison.Ordinal);
    }

    private async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> DocumentAsync()
    {
        using var http = silo.Anonymous();
        var json = await http.GetStringAsync("/openapi/v1.json");
        var result = OpenApiDocument.Parse(json, OpenApiConstants.Json);
        return (result.Document!, result.Diagnostic!);
    }

    private IEnumerable<(string Method, string Path)> ApiEndpoints() =>
        silo.Silo.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/v1/", StringComparison.Ordinal) || raw.StartsWith("/memory", StringComparison.Ordinal)))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()!.HttpMethods.Select(m => (m, e.RoutePattern.RawText!.TrimEnd('/'))));
}
