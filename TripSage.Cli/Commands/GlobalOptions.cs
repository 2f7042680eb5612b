using System.CommandLine;
using TripSage.Memory.Cli.Grid;
using TripSage.Memory.Client;
using TripSage.Memory.Client.Tls;

namespace TripSage.Memory.Cli.Commands;

/// <summary>Options every command takes: where the grid is, whose memory, and how to print.</summary>
internal sealed class GlobalOptions(GridConnectionOptions connection)
{
    private static readonly char[] GatewaySeparators = [','];

    /// <summary>Given on the root and inherited, so it may come before or after the command name.</summary>
    public Option<string[]> Gateway { get; } = new("--gateway", "-g")
    {
        Description = $"Silo gateway as host:port; repeat or separate with commas. Default {connection.DefaultGateway}.",
        HelpName = "host:port",
        Recursive = true,
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = "Orleans cluster id of the grid, when it is not the default tripsage.",
        Recursive = true,
    };

    public Option<string> ServiceId { get; } = new("--service-id")
    {
        Description = "Orleans service id of the grid, when it is not the default tripsage.",
        Recursive = true,
    };

    /// <summary>The bearer token; <c>TRIPSAGE_TOKEN</c> when not given.</summary>
    public Option<string> Token { get; } = new("--token")
    {
        Description = $"Bearer token (JWT) for the grid; default: the {TokenVariable} environment variable. In Development: tripsage token --user <id>.",
        Recursive = true,
    };

    public const string TokenVariable = "TRIPSAGE_TOKEN";

    /// <summary>How long the grid may take to answer one call (the client's response timeout).</summary>
    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds the grid may take to answer one call (1 to 300); raise it for large imports.",
        HelpName = "seconds",
        DefaultValueFactory = _ => MemoryClientOptions.DefaultResponseTimeout.TotalSeconds,
        Recursive = true,
        Validators =
        {
            result =>
            {
                var seconds = result.GetValueOrDefault<double>();
                if (!(seconds >= MemoryClientOptions.MinResponseTimeout.TotalSeconds && seconds <= MemoryClientOptions.MaxResponseTimeout.TotalSeconds))
                {
                    result.AddError($"--timeout {seconds} is out of range; allowed: {MemoryClientOptions.MinResponseTimeout.TotalSeconds:0} to {MemoryClientOptions.MaxResponseTimeout.TotalSeconds:0} seconds");
                }
            },
        },
    };

    public Option<string> TlsCertificate { get; } = new("--tls-certificate")
    {
        Description = $"Client certificate for a grid that requires mutual TLS: a .pfx/.p12 file (password in {TlsPasswordVariable}) or a PEM file with --tls-key.",
        HelpName = "file",
        Recursive = true,
    };

    public Option<string> TlsKey { get; } = new("--tls-key")
    {
        Description = "The PEM private key of a PEM --tls-certificate.",
        HelpName = "file",
        Recursive = true,
    };

    public Option<string> TlsCa { get; } = new("--tls-ca")
    {
        Description = "PEM file of the CA the grid's silo certificates chain to; connects over TLS.",
        HelpName = "file",
        Recursive = true,
    };

    public const string TlsPasswordVariable = "TRIPSAGE_TLS_PASSWORD";

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the result as one JSON document, for scripts.",
        Recursive = true,
    };

    /// <summary>Added to each command rather than the root, so the root's help does not demand it.</summary>
    public Option<string> User { get; } = new("--user", "-u")
    {
        Description = "The user whose memory the command works on.",
        Required = true,
    };

    /// <summary>The gateways given, with comma-separated lists split, or the default gateway.</summary>
    public IReadOnlyList<string> GatewaysOf(ParseResult parse)
    {
        var given = (parse.GetValue(Gateway) ?? [])
            .SelectMany(g => g.Split(GatewaySeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        return given.Count > 0 ? given : [connection.DefaultGateway];
    }

    /// <summary>The response timeout given with --timeout, or the client's default.</summary>
    public TimeSpan TimeoutOf(ParseResult parse) => TimeSpan.FromSeconds(parse.GetValue(Timeout));

    /// <summary>The token given with --token, else the one in the environment, else none.</summary>
    public string? TokenOf(ParseResult parse) =>
        parse.GetValue(Token) is { Length: > 0 } token ? token : Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;

    /// <summary>TLS to the gateways when --tls-ca or --tls-certificate is given; the password comes from the environment only.</summary>
    public GridTlsOptions TlsOf(ParseResult parse)
    {
        var tls = new GridTlsOptions
        {
            CertificatePath = parse.GetValue(TlsCertificate),
            CertificateKeyPath = parse.GetValue(TlsKey),
            CertificatePassword = Environment.GetEnvironmentVariable(TlsPasswordVariable),
            TrustedCaPath = parse.GetValue(TlsCa),
        };
        tls.Enabled = tls.CertificatePath is not null || tls.TrustedCaPath is not null;
        return tls;
    }

    /// <summary>A command that works on one user's memory.</summary>
    public Command UserCommand(string name, string description) => new(name, description) { Options = { User } };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Gateway);
        root.Options.Add(ClusterId);
        root.Options.Add(ServiceId);
        root.Options.Add(Token);
        root.Options.Add(Timeout);
        root.Options.Add(TlsCertificate);
        root.Options.Add(TlsKey);
        root.Options.Add(TlsCa);
        root.Options.Add(Json);
    }
}
