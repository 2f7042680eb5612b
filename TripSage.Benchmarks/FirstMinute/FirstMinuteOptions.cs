namespace TripSage.Memory.Benchmarks.FirstMinute;

/// <summary>
/// What <c>first-minute</c> runs: the load after each fresh start, the silo build it starts, and optionally a
/// ReadyToRun publish of it (<c>dotnet publish TripSage.Silo -c Release -r linux-x64 -p:PublishReadyToRun=true</c>) run as a third start.
/// </summary>
internal sealed record FirstMinuteOptions(TimeSpan Duration, TimeSpan Window, int Callers, int Users, SearchMode SearchMode, string SiloAssembly, string? ReadyToRunAssembly)
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(5);
    public const int DefaultCallers = 16;
    public const int DefaultUsers = 200;
}
