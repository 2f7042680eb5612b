using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime.Messaging;
using TripSage.Memory.Cli.Arguments;
using TripSage.Memory.Client;
using TripSage.Memory.Client.Tls;

namespace TripSage.Memory.Cli.Grid;

/// <summary>
/// A connection to the grid that is opened on first use, so commands that fail before they need the
/// grid (a missing confirmation, an unreadable file) never wait for a silo.
/// </summary>
internal sealed class GridConnection(
    IReadOnlyList<string> gateways,
    string? clusterId,
    string? serviceId,
    string? token,
    TimeSpan responseTimeout,
    GridConnectionOptions options) : IAsyncDisposable
{
    private IHost? _host;
    private IMemoryClient? _client;

    /// <summary>TLS to the gateways (from --tls-certificate, --tls-key, --tls-ca); off unless given.</summary>
    public GridTlsOptions Tls { get; init; } = new();

    /// <summary>The gateways tried, as given, for messages.</summary>
    public string Gateways => string.Join(", ", gateways);

    /// <summary>The hint appended to every "cannot reach the grid" message.</summary>
    public string StartHint => $"is a silo running? start one with: {options.StartSiloCommand}";

    /// <summary>Connects on the first call; later calls return the same client.</summary>
    /// <exception cref="GridUnreachableException">No gateway answered within the connect timeout.</exception>
    /// <exception cref="CommandInputException">A gateway is not host:port.</exception>
    public async Task<IMemoryClient> GetClientAsync(CancellationToken cancellationToken)
    {
        if (_client is not null)
        {
            return _client;
        }

        var retryFilter = new DeadlineRetryFilter(TimeProvider.System, options.ConnectTimeout, options.ConnectRetryDelay);
        _host = BuildHost(retryFilter);

        using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startTimeout.CancelAfter(options.StartTimeout);
        try
        {
            await _host.StartAsync(startTimeout.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Say which limit ran out: the gateway's silence, or the whole start.
            var reason = retryFilter.GaveUp || !startTimeout.IsCancellationRequested
                ? Describe([.. retryFilter.Failures, exception])
                : $"connecting did not finish within {Seconds(options.StartTimeout)} s: the gateway accepted but did not answer, or this machine is very busy";
            throw new GridUnreachableException($"cannot reach the grid at {Gateways} ({reason}); {TlsHint([.. retryFilter.Failures, exception]) ?? StartHint}", exception);
        }

        _client = _host.Services.GetRequiredService<IMemoryClient>();
        return _client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is null)
        {
            return;
        }

        using var disconnectTimeout = new CancellationTokenSource(options.DisconnectTimeout);
        try
        {
            try
            {
                await _host.StopAsync(disconnectTimeout.Token);
            }
            finally
            {
                if (_host is IAsyncDisposable asyncHost)
                {
                    await asyncHost.DisposeAsync();
                }
                else
                {
                    _host.Dispose();
                }
            }
        }
        catch (Exception)
        {
            // Closing is best effort: the command's outcome is already decided and printed, and a
            // client whose start failed or whose silo went away may fail to close in any number of
            // ways. Letting that escape would replace the one-line result with a stack trace.
        }
    }

    private IHost BuildHost(DeadlineRetryFilter retryFilter)
    {
        // An empty builder: no appsettings, environment or console logging, so nothing but the
        // command's own output reaches the terminal.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        try
        {
            builder.Services.AddTripSageMemoryClient(settings =>
            {
                foreach (var gateway in gateways)
                {
                    settings.Gateways.Add(gateway);
                }

                settings.ClusterId = clusterId ?? settings.ClusterId;
                settings.ServiceId = serviceId ?? settings.ServiceId;
                settings.Token = token;
                settings.ResponseTimeout = responseTimeout;
                settings.Tls.Enabled = Tls.Enabled;
                settings.Tls.CertificatePath = Tls.CertificatePath;
                settings.Tls.CertificateKeyPath = Tls.CertificateKeyPath;
                settings.Tls.CertificatePassword = Tls.CertificatePassword;
                settings.Tls.TrustedCaPath = Tls.TrustedCaPath;
            });
        }
        catch (GridTlsConfigurationException exception)
        {
            throw new CommandInputException(CommandLineNames(exception.Message), exception);
        }
        catch (ArgumentException exception)
        {
            // The client names its parameter in the message; on the command line the option is what counts.
            var reason = exception.ParamName is { } parameter ? exception.Message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal) : exception.Message;
            throw new CommandInputException($"--gateway: {reason}", exception);
        }
        catch (SocketException exception)
        {
            throw new GridUnreachableException($"cannot resolve the gateway host in {Gateways} ({exception.Message}); {StartHint}", exception);
        }

        // Registered after the client so it replaces the client's default filter, which retries for minutes.
        builder.Services.AddSingleton<IClientConnectionRetryFilter>(retryFilter);
        return builder.Build();
    }

    /// <summary>
    /// The network's own reason (refused, unreachable) when any attempt saw one. Orleans wraps it in
    /// "unable to connect" failures, and attempts inside its reconnect backoff fail without one.
    /// </summary>
    private string Describe(IReadOnlyList<Exception> failures)
    {
        foreach (var failure in failures)
        {
            for (var cause = failure; cause is not null; cause = cause.InnerException)
            {
                if (cause is not ConnectionFailedException and not OperationCanceledException)
                {
                    return cause.Message;
                }
            }
        }

        return $"no answer within {Seconds(options.ConnectTimeout)} s of the first attempt";
    }

    /// <summary>
    /// A gateway that requires mutual TLS closes a connection it does not accept without saying why
    /// (TLS has no way to); when that is what happened, say what to check instead of "is a silo running?".
    /// </summary>
    private string? TlsHint(IReadOnlyList<Exception> failures)
    {
        var closedByGateway = failures.Any(failure =>
        {
            for (var cause = failure; cause is not null; cause = cause.InnerException)
            {
                if (cause is AuthenticationException or ConnectionAbortedException || (cause is InvalidOperationException && cause.InnerException is null))
                {
                    return true;
                }
            }

            return false;
        });
        if (!closedByGateway)
        {
            return null;
        }

        return Tls.Enabled
            ? "the TLS handshake with the gateway failed: the grid accepts only a client certificate issued by its CA (--tls-certificate, --tls-key), and this client accepts only silo certificates issued by --tls-ca"
            : "the gateway closed the connection: if the grid requires mutual TLS, give --tls-certificate (with --tls-key for PEM) and --tls-ca";
    }

    /// <summary>The client names its settings; on the command line the options are what count.</summary>
    private static string CommandLineNames(string message)
    {
        const string prefix = $"{nameof(MemoryClientOptions)}.{nameof(MemoryClientOptions.Tls)}.";
        return message
            .Replace($"{prefix}{nameof(GridTlsOptions.TrustedCaPath)} and {prefix}{nameof(GridTlsOptions.AllowedThumbprints)} are both empty", "--tls-ca is not given", StringComparison.Ordinal)
            .Replace(prefix + nameof(GridTlsOptions.CertificatePath), "--tls-certificate", StringComparison.Ordinal)
            .Replace(prefix + nameof(GridTlsOptions.CertificateKeyPath), "--tls-key", StringComparison.Ordinal)
            .Replace(prefix + nameof(GridTlsOptions.CertificatePassword), "$" + Commands.GlobalOptions.TlsPasswordVariable, StringComparison.Ordinal)
            .Replace(prefix + nameof(GridTlsOptions.TrustedCaPath), "--tls-ca", StringComparison.Ordinal);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
