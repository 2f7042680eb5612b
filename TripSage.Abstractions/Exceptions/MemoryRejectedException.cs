namespace TripSage.Memory;

/// <summary>
/// The content policy refused a text: it matched a rule whose action is reject, such as a card
/// number or an API key. Nothing of the request was stored. The message names the field and the
/// rules, never the text itself.
/// </summary>
[GenerateSerializer]
public sealed class MemoryRejectedException : Exception
{
    /// <summary>Creates the exception for a field and the rules its text matched.</summary>
    /// <param name="field">The field at fault, as a path such as <c>memories[3].text</c>.</param>
    /// <param name="rules">The ids of the rules that rejected it, such as <c>card-number</c>.</param>
    public MemoryRejectedException(string field, IReadOnlyList<string> rules)
        : base($"{field}: rejected by the content policy ({string.Join(", ", rules)}); nothing was stored. Remove the matching content and send it again.")
    {
        Field = field;

        // A copy in an array: the caller's list may be a type the Orleans serializer does not know.
        Rules = rules.ToArray();
    }

    /// <summary>The field at fault, as a path such as <c>memories[3].text</c>.</summary>
    [Id(0)] public string Field { get; }

    /// <summary>The ids of the rules that rejected it, such as <c>card-number</c> or <c>api-key</c>.</summary>
    [Id(1)] public IReadOnlyList<string> Rules { get; }
}
