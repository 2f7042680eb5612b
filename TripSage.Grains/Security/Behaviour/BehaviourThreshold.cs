namespace TripSage.Memory.Grains.Security.Behaviour;

/// <summary>A behaviour rule's trigger: <see cref="Count"/> events for one user within <see cref="Window"/>.</summary>
public sealed class BehaviourThreshold
{
    /// <summary>How many events within the window make the behaviour suspicious.</summary>
    public int Count { get; set; }

    /// <summary>The sliding window the events are counted in; also the quiet time after a finding, so one finding is reported per window.</summary>
    public TimeSpan Window { get; set; }
}
