namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>A stretch of the run (since the load began) in which a fault was being caused or recovered from.</summary>
internal readonly record struct Disruption(TimeSpan From, TimeSpan To)
{
    public bool Contains(TimeSpan time) => time >= From && time < To;
}
