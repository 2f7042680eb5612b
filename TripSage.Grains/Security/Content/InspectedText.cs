using System.Globalization;
using System.Text;

namespace TripSage.Memory.Grains.Security.Content;

/// <summary>
/// A text under inspection and the normalized copies rules match against. The copies exist only
/// here, for detection: what is stored is always <see cref="Original"/>.
/// </summary>
internal sealed class InspectedText(string original)
{
    // Lookalike letters from Cyrillic and Greek that spell Latin words to the eye ("ignоre" with a
    // Cyrillic о). Only the copy rules match against is mapped, so Russian or Greek text is untouched.
    private static readonly Dictionary<char, char> Lookalikes = new()
    {
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ѕ'] = 's', ['і'] = 'i', ['ј'] = 'j', ['к'] = 'k', ['м'] = 'm',
        ['н'] = 'h', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['ԁ'] = 'd',
        ['ԛ'] = 'q', ['ԝ'] = 'w', ['ӏ'] = 'l', ['ɡ'] = 'g',
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['μ'] = 'm', ['ν'] = 'v',
        ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['ζ'] = 'z',
    };

    // Three or more letters standing alone in a row are read as one word: "i g n o r e", "i.g.n.o.r.e".
    private const int SpelledOutLetters = 3;

    private string? _folded;
    private string? _words;

    /// <summary>The text as it will be stored.</summary>
    public string Original { get; } = original;

    /// <summary>
    /// NFKC (full-width and other compatibility forms become plain letters), case-folded, with
    /// invisible and other formatting characters removed and every run of white space collapsed to
    /// one space. Punctuation stays, so markup such as chat-template tokens can still be seen.
    /// </summary>
    public string Folded => _folded ??= Fold(Original);

    /// <summary>
    /// <see cref="Folded"/> reduced to words: accents and lookalike letters mapped to plain Latin,
    /// punctuation turned into spaces, letters spelled out one by one joined back into a word.
    /// Phrase rules match against this copy.
    /// </summary>
    public string Words => _words ??= ToWords(Folded);

    private static string Fold(string text)
    {
        var compatible = text.Normalize(NormalizationForm.FormKC);
        var folded = new StringBuilder(compatible.Length);
        var pendingSpace = false;
        foreach (var rune in compatible.EnumerateRunes())
        {
            if (IsHidden(rune))
            {
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = folded.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                folded.Append(' ');
                pendingSpace = false;
            }

            folded.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        return folded.ToString();
    }

    private static bool IsHidden(Rune rune) =>
        InvisibleCharacters.IsInvisible(rune.Value)
        || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
        || rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or 0x034F;

    private static string ToWords(string folded)
    {
        var plain = new StringBuilder(folded.Length);
        foreach (var c in folded.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var letter = Lookalikes.GetValueOrDefault(c, c);
            plain.Append(char.IsLetterOrDigit(letter) ? letter : ' ');
        }

        var words = plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var joined = new List<string>(words.Length);
        for (var i = 0; i < words.Length;)
        {
            var end = i;
            while (end < words.Length && words[end].Length == 1)
            {
                end++;
            }

            if (end - i >= SpelledOutLetters)
            {
                joined.Add(string.Concat(words[i..end]));
                i = end;
            }
            else
            {
                joined.Add(words[i]);
                i++;
            }
        }

        return string.Join(' ', joined);
    }
}
