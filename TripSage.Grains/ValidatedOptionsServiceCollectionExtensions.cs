using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains;

/// <summary>
/// How every area of the grid registers its options: bound from one configuration section, checked by
/// its validator, and checked when the host starts, so a wrong setting stops the silo at once with a
/// message naming <c>Section:Option</c>. Public because the host library registers its own options the same way.
/// </summary>
public static class ValidatedOptionsServiceCollectionExtensions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/> and validates it with <typeparamref name="TValidator"/> on start.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(sectionName)).ValidateOnStart();
    }
}
