namespace TripSage.Memory.Benchmarks.FirstMinute;

/// <summary>One fresh start: until ready, the fresh client's connect and first calls, then the load's windows.</summary>
internal sealed record VariantResult(string Name, TimeSpan Ready, TimeSpan Connect, TimeSpan FirstRemember, TimeSpan FirstSearch, IReadOnlyList<WindowResult> Windows);
