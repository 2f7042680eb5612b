namespace TripSage.Memory.Benchmarks.Migrate;

/// <summary>What the <c>migrate</c> benchmark runs: seeded users and memories, the share the load touches, its writers, and the load time per stage.</summary>
internal sealed record MigrateOptions(int Users, int Memories, int HotPercent, int Writers, TimeSpan StageTime);
