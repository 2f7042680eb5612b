namespace TripSage.Memory.Benchmarks.Load;

/// <summary>Times of the first call to a deactivated user of <see cref="Memories"/> memories, through the client.</summary>
internal sealed record ActivationTime(int Memories, IReadOnlyList<double> SamplesMs)
{
    public double P50Ms => Median(SamplesMs);

    public double MaxMs => SamplesMs.Count == 0 ? 0 : SamplesMs.Max();

    private static double Median(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0)
        {
            return 0;
        }

        var sorted = samples.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
