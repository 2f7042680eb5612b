using System.Globalization;
using System.Text;

namespace TripSage.Memory.Grains.Search;

/// <summary>
/// Splits text into case-folded word tokens, Unicode-aware: text is NFKC-normalized first (full-width
/// and compatibility forms become their plain letters), a word is a run of letters, digits and
/// combining marks in any script (supplementary planes included), an apostrophe between letters
/// stays inside the word ("don't"), and each ideograph or kana of scripts written without spaces is
/// its own token.
/// </summary>
internal static class TextTokenizer
{
    public static List<string> Tokenize(string text)
    {
        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var tokens = new List<string>();
        var word = new StringBuilder();
        Span<char> lower = stackalloc char[2];
        var runes = normalized.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            if (IsUnspacedScript(rune))
            {
                Flush(word, tokens);
                tokens.Add(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (IsWordPart(rune))
            {
                // Encoded in place: a string per character made analysis the bulk of activating a large user.
                word.Append(lower[..Rune.ToLowerInvariant(rune).EncodeToUtf16(lower)]);
            }
            else if (IsApostrophe(rune) && word.Length > 0 && i + 1 < runes.Count && Rune.IsLetter(runes[i + 1]))
            {
                word.Append('\'');
            }
            else
            {
                Flush(word, tokens);
            }
        }

        Flush(word, tokens);
        return tokens;
    }

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
            word.Clear();
        }
    }

    private static bool IsWordPart(Rune rune) => Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool IsApostrophe(Rune rune) => rune.Value is '\'' or '\u2019';

    // Han, Hiragana and Katakana are written without spaces between words; a character per token
    // makes BM25 match them at all (a dictionary segmenter would do better and is not worth its weight here).
    private static bool IsUnspacedScript(Rune rune) => rune.Value is
        (>= 0x3040 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or
        (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x2FA1F);
}
