using System.Net.Http.Headers;
using TripSage.Memory.Client;
using TripSage.Memory.Hosting;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>
/// One real silo host (Development, embedded Garnet, real Kestrel on a free loopback port) whose HTTP
/// API the tests call as agent backends do: with bearer tokens signed by the key the silo generated.
/// Each test uses its own user ids.
/// </summary>
public class HttpSiloFixture : IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-http-").FullName;

    internal InProcessSilo Silo { get; private set; } = null!;

    /// <summary>The key the silo validates tokens with.</summary>
    public string SigningKey { get; private set; } = null!;

    /// <summary>Configuration on top of the Development defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Silo = await InProcessSilo.StartDevelopmentAsync(_dataPath, Settings);
        SigningKey = DevelopmentSecretsFile.Read(DevelopmentSecretsFile.PathIn(_dataPath)).TokenSigningKey;
    }

    /// <summary>A client that sends no token.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Silo.HttpAddress };

    /// <summary>A client that sends <paramref name="token"/>.</summary>
    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client with a valid token for <paramref name="userId"/> (or the admin scope).</summary>
    public HttpClient As(string userId, bool admin = false) => WithToken(TokenFor(userId, admin));

    public string TokenFor(string userId, bool admin = false) => TestTokens.For(userId, admin, signingKey: SigningKey);

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class HttpSiloCollection : ICollectionFixture<HttpSiloFixture>
{
    public const string Name = "http silo";
}
