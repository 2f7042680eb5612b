namespace TripSage.Memory.Benchmarks.Locomo;

/// <summary>One question with the dialogue ids of the turns that hold its answer.</summary>
internal sealed record LocomoQuestion(string Text, int Category, IReadOnlyList<string> Evidence);
