namespace TripSage.Memory.Grains.Security.Content;

/// <summary>Matches text that hides characters from a reader (see <see cref="InvisibleCharacters"/>).</summary>
internal sealed class InvisibleCharacterRule : IContentRule
{
    public string Id => SecurityRuleIds.InvisibleCharacters;

    // Looks at the text as stored: the folded copies have these characters removed already.
    public bool Matches(InspectedText text) => InvisibleCharacters.HidesText(text.Original);
}
