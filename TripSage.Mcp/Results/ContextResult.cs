namespace TripSage.Memory.Mcp.Results;

/// <summary>The user's context for a prompt (<c>get_context</c>).</summary>
/// <param name="Preferences">All preferences.</param>
/// <param name="Sections">The most recent memories, grouped by category.</param>
/// <param name="Prompt">The same content as plain text to paste into a prompt.</param>
internal sealed record ContextResult(IReadOnlyDictionary<string, string> Preferences, IReadOnlyList<ContextSectionResult> Sections, string Prompt)
{
    public static ContextResult From(UserContext context) => new(
        context.Preferences,
        context.Sections.Select(s => new ContextSectionResult(s.Category, s.Memories.Select(AgentMemory.From).ToList())).ToList(),
        context.Prompt);
}
