namespace TripSage.Memory;

/// <summary>A user's context, ready for a prompt.</summary>
/// <param name="Preferences">All preferences.</param>
/// <param name="Sections">The most recent memories, grouped by category (uncategorized under <c>general</c>).</param>
/// <param name="Prompt">The same content as plain text to paste into a prompt.</param>
[GenerateSerializer, Immutable]
public sealed record UserContext(
    [property: Id(0)] IReadOnlyDictionary<string, string> Preferences,
    [property: Id(1)] IReadOnlyList<ContextSection> Sections,
    [property: Id(2)] string Prompt);
