namespace TripSage.Memory.Benchmarks.Locomo;

/// <summary>One session: when it took place and its turns in order.</summary>
internal sealed record LocomoSession(int Number, DateTimeOffset? At, IReadOnlyList<LocomoTurn> Turns);
