using System.Text;

namespace TripSage.Memory.Grains.Domain;

/// <summary>Renders a user's context as plain text for an agent's prompt: preferences first, then each category's recent memories.</summary>
internal static class PromptRenderer
{
    public static string Render(IReadOnlyDictionary<string, string> preferences, IReadOnlyList<ContextSection> sections)
    {
        var prompt = new StringBuilder();
        if (preferences.Count > 0)
        {
            prompt.AppendLine("User preferences:");
            foreach (var (key, value) in preferences.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                prompt.Append("- ").Append(key).Append(": ").AppendLine(value);
            }
        }

        foreach (var section in sections)
        {
            if (prompt.Length > 0)
            {
                prompt.AppendLine();
            }

            prompt.Append("Recent memories (").Append(section.Category).AppendLine("):");
            foreach (var memory in section.Memories)
            {
                prompt.Append("- [").Append(memory.CreatedAt.ToString("yyyy-MM-dd")).Append("] ").AppendLine(memory.Text);
            }
        }

        return prompt.ToString();
    }
}
