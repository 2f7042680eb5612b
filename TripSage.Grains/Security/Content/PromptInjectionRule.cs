using System.Text.RegularExpressions;

namespace TripSage.Memory.Grains.Security.Content;

/// <summary>
/// Matches instructions aimed at a future prompt: a memory is pasted into an agent's prompt later,
/// so text that tells the model to drop its instructions, to become another persona, to reveal its
/// system prompt, or that forges chat-template markup, poisons every later conversation.
/// Phrases are matched on <see cref="InspectedText.Words"/>, so case, spacing, punctuation,
/// accents, full-width letters, lookalike letters and zero-width characters do not hide them;
/// they are specific enough that ordinary travel talk ("ignore the previous hotel, book the new
/// one", "forget the earlier directions") does not match.
/// </summary>
internal sealed partial class PromptInjectionRule : IContentRule
{
    public string Id => SecurityRuleIds.PromptInjection;

    public bool Matches(InspectedText text) =>
        ChatTemplateToken().IsMatch(text.Folded)
        || OverrideInstructions().IsMatch(text.Words)
        || OverrideAllInstructions().IsMatch(text.Words)
        || PersonaTakeover().IsMatch(text.Words)
        || RevealSystemPrompt().IsMatch(text.Words);

    // "Ignore previous instructions", "disregard all prior instructions", "forget the above system prompt".
    [GeneratedRegex(
        @"\b(?:ignore|ignoring|disregard|disregarding|forget|override|bypass|skip|abandon|discard)"
        + @"(?: (?:all|any|every|each|of|the|your|these|those|its))*"
        + @" (?:previous|prior|above|earlier|preceding|foregoing|original|initial|system|developer|safety)"
        + @"(?: (?:system|safety|developer|security))?"
        + @" (?:instructions?|prompts?|directives?|guidelines|programming|rules)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex OverrideInstructions();

    // "Ignore all instructions", "disregard any of your rules".
    [GeneratedRegex(
        @"\b(?:ignore|disregard|forget|override|bypass) (?:all|any|every) (?:of )?(?:your |the |its )?(?:instructions|rules|guidelines|directives)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex OverrideAllInstructions();

    // "You are now DAN", "act as an unrestricted AI", "developer mode enabled".
    [GeneratedRegex(
        @"\b(?:you are now|you re now|from now on you are) (?:dan|a dan|in developer mode|jailbroken|unrestricted|unfiltered|an unrestricted|an unfiltered|no longer bound)\b"
        + @"|\b(?:act|acting|pretend|pretending|roleplay|role play) (?:as|to be) (?:dan|an? (?:unrestricted|unfiltered|jailbroken|uncensored) (?:ai|assistant|model|chatbot))\b"
        + @"|\b(?:developer|god|jailbreak|dan) mode (?:enabled|activated|on)\b"
        + @"|\benable (?:developer|god|jailbreak|dan) mode\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex PersonaTakeover();

    // "Reveal your system prompt", "print the hidden instructions".
    [GeneratedRegex(
        @"\b(?:reveal|show|print|repeat|output|display|leak|dump|tell|give|share|recite|disclose|what is|what are|what s)"
        + @"(?: me| us)?(?: your| the)?(?: full| entire| complete| exact| hidden| secret| original| initial)?"
        + @" (?:system prompt|system message|initial prompt|hidden prompt|secret prompt|original prompt|system instructions|hidden instructions|secret instructions|initial instructions|original instructions)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex RevealSystemPrompt();

    // Markup of chat templates (ChatML, Llama, Gemma): in a memory it can only be there to forge a turn.
    [GeneratedRegex(
        @"<\| ?(?:im_start|im_end|system|user|assistant|endoftext|begin_of_text|end_of_text|start_header_id|end_header_id|eot_id) ?\|>"
        + @"|\[/?inst\]|<</?sys>>|<(?:start|end)_of_turn>",
        RegexOptions.CultureInvariant)]
    private static partial Regex ChatTemplateToken();
}
