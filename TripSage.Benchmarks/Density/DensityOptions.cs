namespace TripSage.Memory.Benchmarks.Density;

/// <summary>What one <c>density</c> run measures; the defaults match the load benchmark's residency and activation sizes.</summary>
internal sealed record DensityOptions(int Users, IReadOnlyList<int> Sizes, int ActivationMemories, int Repeats)
{
    public const int DefaultUsers = 2_000;
    public const int DefaultActivationMemories = 1_000;
    public const int DefaultRepeats = 21;
    public static readonly IReadOnlyList<int> DefaultSizes = [20, 200];
}
