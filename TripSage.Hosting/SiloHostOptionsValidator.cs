using System.Net;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Hosting;

internal sealed class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    private const int MaxPort = 65535;

    public ValidateOptionsResult Validate(string? name, SiloHostOptions options)
    {
        if (options.SiloPort is not (> 0 and <= MaxPort) || options.GatewayPort is not (> 0 and <= MaxPort) || options.SiloPort == options.GatewayPort)
        {
            return ValidateOptionsResult.Fail(
                $"{SiloHostOptions.SectionName}:SiloPort ({options.SiloPort}) and {SiloHostOptions.SectionName}:GatewayPort ({options.GatewayPort}) must be two different ports from 1 to {MaxPort}.");
        }

        return options.AdvertisedAddress.Length == 0 || IPAddress.TryParse(options.AdvertisedAddress, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SiloHostOptions.SectionName}:AdvertisedAddress must be empty (the host's own address) or an IP address such as 127.0.0.1.");
    }
}
