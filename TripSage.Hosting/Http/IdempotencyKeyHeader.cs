using System.Globalization;
using System.Text.RegularExpressions;

namespace TripSage.Memory.Hosting.Http;

/// <summary>
/// The <c>Idempotency-Key</c> request header of <c>POST /v1/users/{userId}/memories</c>: a key for the whole
/// request, from which item <c>i</c> of the batch gets the idempotency key <c>&lt;header&gt;.&lt;i&gt;</c>
/// unless it carries its own <c>idempotencyKey</c>. A repeat of the request with the same header stores
/// nothing new and answers with the first request's outcomes.
/// </summary>
internal static partial class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    /// <summary>Longest header value: item keys (at most 128 characters) add '.' and the item's index.</summary>
    public const int MaxLength = 100;

    /// <exception cref="MemoryValidationException">The header is not a valid key; nothing is changed.</exception>
    public static IReadOnlyList<NewMemory> Apply(string? header, IReadOnlyList<NewMemory> memories)
    {
        if (header is null || memories is null)
        {
            return memories!;
        }

        if (header.Length > MaxLength || !KeyPattern().IsMatch(header))
        {
            throw new MemoryValidationException(Name, "not a valid idempotency key", $"1 to {MaxLength} characters: letters, digits, '.', '_', ':' and '-', starting with a letter or digit");
        }

        return memories
            .Select((memory, i) => memory is { IdempotencyKey: null } ? memory with { IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"{header}.{i}") } : memory)
            .ToList();
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
