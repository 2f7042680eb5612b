using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Security.Behaviour;
using TripSage.Memory.Grains.Security.Content;

namespace TripSage.Memory.Grains.Security;

/// <summary>Registers the content policy and the behaviour monitor with their options, validated at start.</summary>
internal static class ContentSecurityServices
{
    public static IServiceCollection AddContentSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ContentPolicyOptions, ContentPolicyOptionsValidator>(configuration, ContentPolicyOptions.SectionName);
        services.AddValidatedOptions<BehaviourPolicyOptions, BehaviourPolicyOptionsValidator>(configuration, BehaviourPolicyOptions.SectionName);
        services.AddSingleton<ContentInspector>();
        services.AddSingleton<ContentScreen>();

        // Transient: every grain activation gets its own monitor, so counts are per user.
        services.AddTransient<BehaviourMonitor>();

        // A host (or a test) that registered its own sink keeps it.
        services.TryAddSingleton<ISecurityEventSink, TelemetrySecurityEventSink>();
        return services;
    }
}
