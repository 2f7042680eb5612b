using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TripSage.Memory.Cli.Arguments;

/// <summary>
/// Parses when a memory expires: an ISO-8601 moment (<c>2026-03-01</c>, <c>2026-03-01T09:00:00+01:00</c>;
/// UTC when no offset is given) or a duration from now (<c>90s</c>, <c>45m</c>, <c>12h</c>, <c>30d</c>, <c>2w</c>).
/// </summary>
internal static class ExpiryArgument
{
    /// <summary>What the option accepts, for help and errors.</summary>
    public const string Accepted = "an ISO-8601 time such as 2026-03-01T09:00:00Z, or a duration from now such as 90s, 45m, 12h, 30d, 2w";

    private const int DaysPerWeek = 7;

    // 'K' takes 'Z', an offset such as +01:00, or nothing (then AssumeUniversal applies).
    private static readonly string[] MomentFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>Parses <paramref name="text"/>; a duration counts from <paramref name="now"/>, and the result must be after it.</summary>
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset expiresAt, [NotNullWhen(false)] out string? error)
    {
        expiresAt = default;
        if (TryParseDuration(text, out var duration, out error))
        {
            if (duration <= TimeSpan.Zero)
            {
                error = $"--expires '{text}' is not after now; expected {Accepted}";
                return false;
            }

            if (duration > DateTimeOffset.MaxValue - now)
            {
                error = $"--expires '{text}' is too far in the future";
                return false;
            }

            expiresAt = now + duration;
            return true;
        }

        if (error is not null)
        {
            return false;
        }

        if (!DateTimeOffset.TryParseExact(text, MomentFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            error = $"--expires '{text}' is not understood; expected {Accepted}";
            return false;
        }

        if (moment <= now)
        {
            error = $"--expires '{text}' is not in the future; expected {Accepted}";
            return false;
        }

        expiresAt = moment;
        return true;
    }

    /// <summary>
    /// Reads <c>&lt;count&gt;&lt;unit&gt;</c>. Returns false with no error when the text is not shaped like a
    /// duration at all, so it can be tried as a moment.
    /// </summary>
    private static bool TryParseDuration(string text, out TimeSpan duration, out string? error)
    {
        duration = default;
        error = null;
        if (text.Length < 2 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiLetter(text[^1]) || !text[..^1].All(char.IsAsciiDigit))
        {
            return false;
        }

        // Lower case only: 'M' reads as months to many people, and months have no fixed length.
        Func<double, TimeSpan>? unit = text[^1] switch
        {
            's' => TimeSpan.FromSeconds,
            'm' => TimeSpan.FromMinutes,
            'h' => TimeSpan.FromHours,
            'd' => TimeSpan.FromDays,
            'w' => count => TimeSpan.FromDays(count * DaysPerWeek),
            _ => null,
        };
        if (unit is null)
        {
            error = $"--expires '{text}' has an unknown unit '{text[^1]}'; expected {Accepted}";
            return false;
        }

        try
        {
            duration = unit(double.Parse(text[..^1], CultureInfo.InvariantCulture));
            return true;
        }
        catch (OverflowException)
        {
            error = $"--expires '{text}' is too far in the future";
            return false;
        }
    }
}
