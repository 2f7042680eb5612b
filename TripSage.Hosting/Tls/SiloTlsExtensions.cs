using Microsoft.Extensions.Options;
using TripSage.Memory.Client.Tls;

namespace TripSage.Memory.Hosting.Tls;

/// <summary>Puts the silo's gateway and silo-to-silo connections on mutual TLS when <c>TripSage:Tls:Enabled</c> is set.</summary>
internal static class SiloTlsExtensions
{
    /// <summary>
    /// Loads and checks the certificates while the silo is configured (Orleans takes the certificate
    /// object then, not later), so a wrong setting stops the host before it starts, with every problem
    /// named as <c>TripSage:Tls:Option</c>.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is missing, or a file missing or unfit.</exception>
    public static ISiloBuilder UseGridTls(this ISiloBuilder silo, SiloTlsOptions options)
    {
        if (!options.Enabled)
        {
            return silo;
        }

        var credentials = Load(options);
        return silo.UseTls(tls => credentials.Configure(tls, options.RequireClientCertificate));
    }

    /// <summary>The silo's credentials, or every problem with the settings.</summary>
    /// <exception cref="OptionsValidationException">A setting is missing, or a file missing or unfit.</exception>
    public static GridTlsCredentials Load(SiloTlsOptions options)
    {
        try
        {
            // A silo accepts connections (gateway, silo port) and opens them to other silos.
            return GridTlsCredentials.Load(options, $"{SiloTlsOptions.SectionName}:", certificateRequired: true, GridTlsUsages.Server | GridTlsUsages.Client);
        }
        catch (GridTlsConfigurationException exception)
        {
            throw new OptionsValidationException(SiloTlsOptions.SectionName, typeof(SiloTlsOptions), exception.Failures);
        }
    }
}
