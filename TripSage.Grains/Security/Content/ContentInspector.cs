namespace TripSage.Memory.Grains.Security.Content;

/// <summary>
/// Runs every suspicious-content rule over a text and says which matched. It only reads: rules
/// match on normalized copies (<see cref="InspectedText"/>) and the text itself is never changed.
/// What happens to a text that matched is the policy's decision (<see cref="ContentScreen"/>).
/// </summary>
internal sealed class ContentInspector
{
    private static readonly IContentRule[] Rules =
    [
        new PromptInjectionRule(),
        new InvisibleCharacterRule(),
        new CardNumberRule(),
        new ApiKeyRule(),
    ];

    /// <summary>The ids of every content rule, in the order findings are reported.</summary>
    public static IReadOnlyList<string> RuleIds { get; } = Rules.Select(r => r.Id).ToArray();

    /// <summary>The ids of the rules <paramref name="text"/> matches, in rule order; empty when none.</summary>
    public IReadOnlyList<string> Inspect(string text)
    {
        var inspected = new InspectedText(text);
        var findings = new List<string>();
        foreach (var rule in Rules)
        {
            if (rule.Matches(inspected))
            {
                findings.Add(rule.Id);
            }
        }

        return findings;
    }
}
