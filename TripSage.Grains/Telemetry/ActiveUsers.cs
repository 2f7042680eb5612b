using System.Diagnostics.CodeAnalysis;
using Orleans.Metadata;

namespace TripSage.Memory.Grains.Telemetry;

/// <summary>
/// Counts the user memory grains active on this silo: one joins the count when its activation
/// finished (the last stage of its lifecycle started, after state was read and
/// <c>OnActivateAsync</c> ran) and leaves it when it is deactivated. An activation that failed
/// never joins, so a user whose snapshot is unreadable is not counted as served.
/// </summary>
internal sealed class ActiveUsers(GrainClassMap grainClasses) : IConfigureGrainContextProvider, IConfigureGrainContext
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool TryGetConfigurator(GrainType grainType, GrainProperties properties, [NotNullWhen(true)] out IConfigureGrainContext? configurator)
    {
        configurator = grainClasses.TryGetGrainClass(grainType, out var grainClass) && grainClass == typeof(UserMemoryGrain) ? this : null;
        return configurator is not null;
    }

    public void Configure(IGrainContext context)
    {
        // Per activation: leave the count only if this activation joined it.
        var joined = 0;
        context.ObservableLifecycle.Subscribe(
            nameof(ActiveUsers),
            GrainLifecycleStage.Last,
            _ =>
            {
                Interlocked.Exchange(ref joined, 1);
                Interlocked.Increment(ref _count);
                return Task.CompletedTask;
            },
            _ =>
            {
                if (Interlocked.Exchange(ref joined, 0) == 1)
                {
                    Interlocked.Decrement(ref _count);
                }

                return Task.CompletedTask;
            });
    }
}
