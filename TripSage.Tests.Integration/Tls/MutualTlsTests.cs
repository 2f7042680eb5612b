using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime.Messaging;
using TripSage.Memory.Cli;
using TripSage.Memory.Client;
using TripSage.Memory.Client.Tls;
using TripSage.Memory.Tests.Integration.Cli;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Tls;

/// <summary>
/// A silo that requires mutual TLS, reached over real loopback sockets: only a client holding a
/// certificate of the grid's CA gets a call through; one without a certificate, with another CA's,
/// or on plain TCP does not connect at all.
/// </summary>
public sealed class MutualTlsTests(MutualTlsSiloFixture grid) : IClassFixture<MutualTlsSiloFixture>
{
    [Fact]
    public async Task Gateway_ClientWithCertificateOfTheGridsCa_IsServed()
    {
        var userId = TestUsers.New();
        var (certificate, key) = grid.ClientCertificate(grid.GridCa, "agent-backend");

        using var client = await StartClientAsync(userId, tls =>
        {
            tls.Enabled = true;
            tls.CertificatePath = certificate;
            tls.CertificateKeyPath = key;
            tls.TrustedCaPath = grid.GridCaPath;
        });
        var memory = client.Services.GetRequiredService<IMemoryClient>();
        var stored = await memory.RememberAsync(userId, new NewMemory("Prefers the quiet carriage"));

        Assert.Equal("Prefers the quiet carriage", (await memory.GetAsync(userId, stored.MemoryId))?.Text);
    }

    [Fact]
    public async Task Gateway_TlsClientWithoutCertificate_CannotConnect()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(tls =>
        {
            tls.Enabled = true;
            tls.TrustedCaPath = grid.GridCaPath;
        }));

        AssertRefusedConnection(error);
    }

    [Fact]
    public async Task Gateway_ClientWithCertificateOfAnotherCa_CannotConnect()
    {
        var (certificate, key) = grid.ClientCertificate(grid.OtherCa, "impostor");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(tls =>
        {
            tls.Enabled = true;
            tls.CertificatePath = certificate;
            tls.CertificateKeyPath = key;
            tls.TrustedCaPath = grid.GridCaPath;
        }));

        AssertRefusedConnection(error);
    }

    [Fact]
    public async Task Gateway_PlainTcpClient_CannotConnect()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(_ => { }));

        AssertRefusedConnection(error);
    }

    [Fact]
    public async Task Cli_WithCertificateOfTheGridsCa_IsServed()
    {
        var userId = TestUsers.New();
        var (certificate, key) = grid.ClientCertificate(grid.GridCa, "operator");

        var outcome = await CliInvocation.RunAsync("stats", "--user", userId, "--json", "--token", TestTokens.ForDevelopmentSilo(grid.DataPath, userId),
            "--gateway", Gateway, "--tls-certificate", certificate, "--tls-key", key, "--tls-ca", grid.GridCaPath);

        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Error);
    }

    [Fact]
    public async Task Cli_WithCertificateOfAnotherCa_SaysTheTlsHandshakeFailed()
    {
        var (certificate, key) = grid.ClientCertificate(grid.OtherCa, "stranger");

        var outcome = await CliInvocation.RunAsync("stats", "--user", "alice", "--token", "any",
            "--gateway", Gateway, "--tls-certificate", certificate, "--tls-key", key, "--tls-ca", grid.GridCaPath);

        Assert.True(outcome.ExitCode == ExitCodes.GridUnreachable, outcome.Error);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.Contains("the TLS handshake with the gateway failed: the grid accepts only a client certificate issued by its CA (--tls-certificate", line);
    }

    [Fact]
    public async Task Cli_WithoutTls_SaysTheGridMayRequireMutualTls()
    {
        var outcome = await CliInvocation.RunAsync("stats", "--user", "alice", "--token", "any", "--gateway", Gateway);

        Assert.True(outcome.ExitCode == ExitCodes.GridUnreachable, outcome.Error);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.Contains("if the grid requires mutual TLS, give --tls-certificate", line);
    }

    [Fact]
    public async Task Cli_MissingCertificateFile_ExitsTwoNamingTheOption()
    {
        var outcome = await CliInvocation.RunAsync("stats", "--user", "alice", "--token", "any",
            "--gateway", Gateway, "--tls-certificate", Path.Combine(grid.Folder, "absent.pfx"), "--tls-ca", grid.GridCaPath);

        Assert.True(outcome.ExitCode == ExitCodes.Usage, outcome.Error);
        Assert.Contains("--tls-certificate is '", Assert.Single(outcome.ErrorLines));
    }

    private string Gateway => $"127.0.0.1:{grid.Silo.GatewayPort}";

    private static void AssertRefusedConnection(Exception error)
    {
        // The connection is refused before any message: the client cannot start, so no call reaches a grain.
        var failure = Assert.IsType<ConnectionFailedException>(error);
        Assert.StartsWith("Unable to connect to any of the 1 available gateways", failure.Message);
    }

    private async Task CallAsync(Action<GridTlsOptions> tls)
    {
        var userId = TestUsers.New();
        using var client = await StartClientAsync(userId, tls);
        await client.Services.GetRequiredService<IMemoryClient>().RememberAsync(userId, new NewMemory("Should never be stored"));
    }

    private async Task<IHost> StartClientAsync(string userId, Action<GridTlsOptions> tls)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTripSageMemoryClient(options =>
        {
            options.Gateways.Add(Gateway);
            options.Token = TestTokens.ForDevelopmentSilo(grid.DataPath, userId);

            // The first call loads the embedding model; on a loaded test machine that can exceed the default.
            options.ResponseTimeout = TimeSpan.FromMinutes(1);
            tls(options.Tls);
        });
        builder.Services.AddSingleton<IClientConnectionRetryFilter, NoRetry>();
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    private sealed class NoRetry : IClientConnectionRetryFilter
    {
        public Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
