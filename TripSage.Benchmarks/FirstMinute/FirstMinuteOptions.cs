namespace TripSage.Memory.Benchmarks.FirstMinute;

/// <summary>What <c>first-minute</c> runs: the load after each fresh start, and the silo build it starts.</summary>
internal sealed record FirstMinuteOptions(TimeSpan Duration, TimeSpan Window, int Callers, int Users, SearchMode SearchMode, string SiloAssembly)
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(5);
    public const int DefaultCallers = 16;
    public const int DefaultUsers = 200;
}
