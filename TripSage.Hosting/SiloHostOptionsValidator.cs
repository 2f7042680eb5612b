using Microsoft.Extensions.Options;

namespace TripSage.Memory.Hosting;

internal sealed class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    private const int MaxPort = 65535;

    public ValidateOptionsResult Validate(string? name, SiloHostOptions options) =>
        options.SiloPort is > 0 and <= MaxPort && options.GatewayPort is > 0 and <= MaxPort && options.SiloPort != options.GatewayPort
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{SiloHostOptions.SectionName}:SiloPort ({options.SiloPort}) and {SiloHostOptions.SectionName}:GatewayPort ({options.GatewayPort}) must be two different ports from 1 to {MaxPort}.");
}
