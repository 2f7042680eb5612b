namespace TripSage.Memory.Grains.Security.Content;

/// <summary>
/// What happens to a text that matched a suspicious-content rule (configuration section
/// <c>TripSage:ContentPolicy</c>). Each setting is one of <c>Flag</c> (stored and served, marked),
/// <c>Quarantine</c> (stored and marked, but never served to search or context until an admin
/// releases it) or <c>Reject</c> (nothing of the request is stored). Every match is audited and
/// counted, whatever the action.
/// </summary>
public sealed class ContentPolicyOptions
{
    public const string SectionName = "TripSage:ContentPolicy";

    /// <summary>Instructions aimed at a future prompt. Default <c>Quarantine</c>: kept for the user to see, never fed to a prompt.</summary>
    public string PromptInjection { get; set; } = nameof(ContentAction.Quarantine);

    /// <summary>Zero-width, bidirectional-control and tag characters. Default <c>Flag</c>: they also have innocent uses.</summary>
    public string InvisibleCharacters { get; set; } = nameof(ContentAction.Flag);

    /// <summary>Card numbers passing the Luhn check. Default <c>Reject</c>: the grid must not hold payment data.</summary>
    public string CardNumber { get; set; } = nameof(ContentAction.Reject);

    /// <summary>API keys, access tokens and private keys. Default <c>Reject</c>: the grid must not hold secrets.</summary>
    public string ApiKey { get; set; } = nameof(ContentAction.Reject);

    /// <summary>Each setting with the rule it governs: the one place the two are tied together.</summary>
    internal IEnumerable<(string Option, string RuleId, string? Value)> Settings() =>
    [
        (nameof(PromptInjection), SecurityRuleIds.PromptInjection, PromptInjection),
        (nameof(InvisibleCharacters), SecurityRuleIds.InvisibleCharacters, InvisibleCharacters),
        (nameof(CardNumber), SecurityRuleIds.CardNumber, CardNumber),
        (nameof(ApiKey), SecurityRuleIds.ApiKey, ApiKey),
    ];

    /// <summary>Reads an action by its name, ignoring case; numbers and combinations are refused.</summary>
    internal static bool TryParseAction(string? value, out ContentAction action)
    {
        var name = Enum.GetNames<ContentAction>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
        action = name is null ? default : Enum.Parse<ContentAction>(name);
        return name is not null;
    }
}
