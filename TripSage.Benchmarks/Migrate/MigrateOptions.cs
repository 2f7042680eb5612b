namespace TripSage.Memory.Benchmarks.Migrate;

/// <summary>What the <c>migrate</c> benchmark runs: the directions, seeded users and memories, the share the load touches, its writers, and the load time per stage.</summary>
internal sealed record MigrateOptions(IReadOnlyList<MigrationDirection> Directions, int Users, int Memories, int HotPercent, int Writers, TimeSpan StageTime);
