namespace TripSage.Memory;

/// <summary>
/// Checks on text that must happen before it is serialized. Public so that the client (before a call
/// leaves the caller) and the grain (for callers of the grain interface) apply the same check.
/// </summary>
public static class UnicodeText
{
    /// <summary>
    /// Position of the first surrogate without its pair, or -1. Such a string is not Unicode, and
    /// encoding it (as every call to the grid does) would silently replace it with U+FFFD, so it is
    /// rejected on the caller's side, where the user's exact words still are.
    /// </summary>
    public static int FindUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Throws a <see cref="MemoryValidationException"/> for <paramref name="field"/> when <paramref name="text"/> has an unpaired surrogate.</summary>
    public static void ThrowIfUnpairedSurrogate(string? text, string field)
    {
        if (text is not null && FindUnpairedSurrogate(text) is var position and >= 0)
        {
            throw new MemoryValidationException(field, $"unpaired surrogate at position {position}", "well-formed Unicode text");
        }
    }
}
