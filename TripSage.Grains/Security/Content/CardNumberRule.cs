using System.Globalization;
using System.Text;

namespace TripSage.Memory.Grains.Security.Content;

/// <summary>
/// Matches a payment card number: 13 to 19 digits, written together or in groups separated by a
/// space or a dash, that pass the Luhn check. Groups are taken whole, so a card followed by a year
/// ("4111 1111 1111 1111 2027") is found while a long unbroken reference number is not read as one.
/// Digits of any script and full-width digits count (they are matched on the NFKC copy).
/// </summary>
internal sealed class CardNumberRule : IContentRule
{
    private const int MinDigits = 13;
    private const int MaxDigits = 19;

    public string Id => SecurityRuleIds.CardNumber;

    public bool Matches(InspectedText text)
    {
        var groups = new List<string>();
        var group = new StringBuilder();
        var runes = text.Folded.EnumerateRunes().ToList();
        for (var i = 0; i <= runes.Count; i++)
        {
            var digit = i < runes.Count ? DigitOf(runes[i]) : -1;
            if (digit >= 0)
            {
                group.Append((char)('0' + digit));
                continue;
            }

            if (group.Length > 0)
            {
                groups.Add(group.ToString());
                group.Clear();
            }

            // A single separator between digits keeps the groups together; anything else ends the number.
            var separatesDigits = i < runes.Count && IsSeparator(runes[i]) && groups.Count > 0 && i + 1 < runes.Count && DigitOf(runes[i + 1]) >= 0;
            if (!separatesDigits)
            {
                if (AnyCardNumber(groups))
                {
                    return true;
                }

                groups.Clear();
            }
        }

        return false;
    }

    /// <summary>Whether some run of consecutive whole groups is a card number.</summary>
    private static bool AnyCardNumber(List<string> groups)
    {
        for (var first = 0; first < groups.Count; first++)
        {
            var digits = new StringBuilder();
            for (var last = first; last < groups.Count && digits.Length + groups[last].Length <= MaxDigits; last++)
            {
                digits.Append(groups[last]);
                if (digits.Length >= MinDigits && IsCardNumber(digits.ToString()))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // A run of one repeated digit ("0000 0000 0000 0000") passes Luhn but is a placeholder, not a card.
    private static bool IsCardNumber(string digits) => digits.Distinct().Count() > 1 && PassesLuhn(digits);

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var value = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                value = value * 2 > 9 ? value * 2 - 9 : value * 2;
            }

            sum += value;
        }

        return sum % 10 == 0;
    }

    private static int DigitOf(Rune rune) => rune.IsBmp ? CharUnicodeInfo.GetDecimalDigitValue((char)rune.Value) : -1;

    private static bool IsSeparator(Rune rune) => rune.Value is ' ' or '-' or (>= 0x2010 and <= 0x2014) or 0x2212;
}
