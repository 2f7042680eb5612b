namespace TripSage.Memory.Grains;

/// <summary>
/// The clock memory grains read (expiry, timestamps), registered as a keyed <see cref="TimeProvider"/>
/// so that tests can drive it without also replacing the clock Orleans itself runs on.
/// </summary>
public static class MemoryClock
{
    /// <summary>The service key of the memory grains' <see cref="TimeProvider"/>.</summary>
    public const string Key = "tripsage-memory-clock";
}
