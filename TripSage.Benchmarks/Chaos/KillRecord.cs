namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// One <c>kill -9</c>: when (since the load began), how long the silo took to be ready again, and how long
/// until every user answered a call again (null: not within the recovery timeout).
/// </summary>
internal sealed record KillRecord(string Silo, TimeSpan KilledAt, TimeSpan SiloBackAfter, TimeSpan? EveryUserServedAfter)
{
    /// <summary>From the kill until both the silo is back and every user is served: the failover window.</summary>
    public TimeSpan WindowEnd => KilledAt + (EveryUserServedAfter is { } served && served > SiloBackAfter ? served : SiloBackAfter);
}
