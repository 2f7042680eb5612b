namespace TripSage.Memory.Grains.Security.Content;

/// <summary>One suspicious-content rule. Rules only read the text; none ever changes what is stored.</summary>
internal interface IContentRule
{
    /// <summary>The rule's id (see <see cref="SecurityRuleIds"/>).</summary>
    string Id { get; }

    bool Matches(InspectedText text);
}
