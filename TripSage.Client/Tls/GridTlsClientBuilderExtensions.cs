using Orleans.Hosting;

namespace TripSage.Memory.Client.Tls;

/// <summary>Puts the client's connections to the gateways on TLS when <see cref="MemoryClientOptions.Tls"/> says so.</summary>
internal static class GridTlsClientBuilderExtensions
{
    /// <summary>The prefix client TLS settings are named with in errors.</summary>
    public const string SettingPrefix = $"{nameof(MemoryClientOptions)}.{nameof(MemoryClientOptions.Tls)}.";

    /// <exception cref="GridTlsConfigurationException">The settings name a missing or unfit file.</exception>
    public static IClientBuilder UseGridTls(this IClientBuilder client, GridTlsOptions options)
    {
        if (!options.Enabled)
        {
            return client;
        }

        var credentials = GridTlsCredentials.Load(options, SettingPrefix, certificateRequired: false, GridTlsUsages.Client);

        // A gateway always presents a certificate, and it must be one this client trusts.
        return client.UseTls(tls => credentials.Configure(tls, requireRemoteCertificate: true));
    }
}
