namespace TripSage.Memory.Grains.WarmUp;

/// <summary>What a silo does before its gateway accepts the first call (configuration section <c>TripSage:WarmUp</c>).</summary>
public sealed class WarmUpOptions
{
    public const string SectionName = "TripSage:WarmUp";

    /// <summary>
    /// Load the embedding model and run every step of a call once, off the store, before the gateway
    /// opens, so the first callers do not pay for loading and compiling them. Default on.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How many times the in-memory steps run. Each run compiles more of them to faster code; the
    /// embedding model is loaded once. Default 20, at most 1,000.
    /// </summary>
    public int Rounds { get; set; } = 20;
}
