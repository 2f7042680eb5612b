namespace TripSage.Memory;

/// <summary>How to build a user's context.</summary>
/// <param name="PerCategory">How many of the most recent memories to take from each category.</param>
[GenerateSerializer, Immutable]
public sealed record ContextQuery([property: Id(0)] int PerCategory = 5);

/// <summary>A user's context, ready for a prompt.</summary>
/// <param name="Preferences">All preferences.</param>
/// <param name="Sections">The most recent memories, grouped by category (uncategorized under <c>general</c>).</param>
/// <param name="Prompt">The same content as plain text to paste into a prompt.</param>
[GenerateSerializer, Immutable]
public sealed record UserContext(
    [property: Id(0)] IReadOnlyDictionary<string, string> Preferences,
    [property: Id(1)] IReadOnlyList<ContextSection> Sections,
    [property: Id(2)] string Prompt);

/// <summary>The most recent memories of one category, newest first.</summary>
[GenerateSerializer, Immutable]
public sealed record ContextSection(
    [property: Id(0)] string Category,
    [property: Id(1)] IReadOnlyList<MemoryRecord> Memories);
