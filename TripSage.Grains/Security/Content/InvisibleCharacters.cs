using System.Globalization;
using System.Text;

namespace TripSage.Memory.Grains.Security.Content;

/// <summary>
/// Characters that render as nothing and can hide or reorder text from a human reader while a
/// model still reads them: zero-width spaces and joiners, directional marks, word joiners and
/// invisible operators, the byte-order mark, bidirectional embeddings, overrides and isolates,
/// and tag characters.
/// </summary>
internal static class InvisibleCharacters
{
    private const int ZeroWidthNonJoiner = 0x200C;
    private const int ZeroWidthJoiner = 0x200D;
    private const int VariationSelector16 = 0xFE0F;
    private const int BlackFlag = 0x1F3F4;
    private const int CancelTag = 0xE007F;

    // Hebrew is the first block after Latin, Greek, Cyrillic and Armenian; the scripts from there
    // on (Arabic, Persian, the Indic scripts, ...) spell some words with joiners.
    private const int FirstJoiningScript = 0x0590;

    public static bool IsInvisible(int codePoint) => codePoint
        is (>= 0x200B and <= 0x200F)
        or (>= 0x2060 and <= 0x2064)
        or 0xFEFF
        or (>= 0x202A and <= 0x202E)
        or (>= 0x2066 and <= 0x2069)
        or (>= 0xE0000 and <= 0xE007F);

    /// <summary>
    /// Whether the text holds an invisible character used to hide something. Three ordinary uses
    /// are not counted, so that ordinary text is never flagged: a zero-width joiner inside an emoji
    /// sequence (👨‍👩‍👧), a joiner or non-joiner between letters of a script that spells with
    /// them (Persian, Hindi), and the tag sequence of a subdivision flag (🏴 + tags + cancel tag).
    /// </summary>
    public static bool HidesText(string text)
    {
        var runes = text.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            var value = runes[i].Value;
            if (value == BlackFlag)
            {
                i = EndOfFlagTags(runes, i);
            }
            else if (IsInvisible(value) && !IsOrthographicJoiner(runes, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the last rune of a well-formed flag tag sequence starting at <paramref name="flag"/>, or the flag itself.</summary>
    private static int EndOfFlagTags(List<Rune> runes, int flag)
    {
        var i = flag + 1;
        while (i < runes.Count && runes[i].Value is >= 0xE0020 and <= 0xE007E)
        {
            i++;
        }

        return i > flag + 1 && i < runes.Count && runes[i].Value == CancelTag ? i : flag;
    }

    private static bool IsOrthographicJoiner(List<Rune> runes, int i)
    {
        var value = runes[i].Value;
        if (value is not (ZeroWidthJoiner or ZeroWidthNonJoiner) || i == 0 || i == runes.Count - 1)
        {
            return false;
        }

        var before = runes[i - 1];
        var after = runes[i + 1];
        return (value == ZeroWidthJoiner && IsEmojiPart(before) && IsEmoji(after))
            || (IsJoiningScriptLetter(before) && IsJoiningScriptLetter(after));
    }

    private static bool IsEmoji(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol;

    // An emoji may end in a variation selector or a skin-tone modifier before the joiner.
    private static bool IsEmojiPart(Rune rune) =>
        IsEmoji(rune) || rune.Value == VariationSelector16 || rune.Value is >= 0x1F3FB and <= 0x1F3FF;

    private static bool IsJoiningScriptLetter(Rune rune) =>
        rune.Value >= FirstJoiningScript
        && Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
