using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModelContextProtocol.Client;
using TripSage.Memory.Hosting.Http;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Mcp;

/// <summary>The memory tools over streamable HTTP at <c>/mcp</c> on the silo host.</summary>
[Collection(McpSiloCollection.Name)]
public sealed class McpHttpTests(McpSiloFixture fixture) : McpToolContract(fixture)
{
    private const string InitializeRequest =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    [Fact]
    public async Task Session_WithoutToken_IsRefusedWith401()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => McpClient.CreateAsync(Transport(token: null)));
        using var response = await PostInitializeAsync(token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, StatusOf(refused));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Session_WithATokenSignedByAnotherKey_IsRefusedWith401()
    {
        var forged = TestTokens.For(TestUsers.New(), signingKey: TestTokens.SigningKey);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => McpClient.CreateAsync(Transport(forged)));
        using var response = await PostInitializeAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, StatusOf(refused));
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ABodyOverTheHttpLimit_IsRefusedWith413BeforeAnyToolRuns()
    {
        var userId = TestUsers.New();
        var token = Fixture.TokenFor(userId);
        var text = new string('a', (int)new HttpApiOptions().MaxRequestBodyBytes);
        var call = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"add_memory","arguments":{"text":""" + $"\"{text}\"" + "}}}";

        using var response = await PostAsync(call, token, expectContinue: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    protected override async Task<McpClient> ConnectAsync(string token) => await McpClient.CreateAsync(Transport(token));

    private HttpClientTransport Transport(string? token) => new(new HttpClientTransportOptions
    {
        Endpoint = Fixture.McpEndpoint,
        TransportMode = HttpTransportMode.StreamableHttp,
        AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
    });

    private Task<HttpResponseMessage> PostInitializeAsync(string? token) => PostAsync(InitializeRequest, token);

    /// <param name="expectContinue">Ask before sending the body, so a refused body is never sent (and the connection not cut under the write).</param>
    private async Task<HttpResponseMessage> PostAsync(string body, string? token, bool expectContinue = false)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Fixture.McpEndpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.ExpectContinue = expectContinue;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }

    /// <summary>The HTTP status the SDK's client failed with, wherever in the exception chain it reports it.</summary>
    private static HttpStatusCode? StatusOf(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is HttpRequestException { StatusCode: { } status })
            {
                return status;
            }
        }

        return null;
    }
}
