using System.Text.RegularExpressions;

namespace TripSage.Memory;

/// <summary>The shape of a user id, the key of a user's memory.</summary>
public static partial class UserIds
{
    /// <summary>What a user id allows, as shown in validation errors.</summary>
    public const string Allowed = "1 to 128 characters: letters, digits and . _ @ : - (not starting with a symbol)";

    /// <summary>Throws <see cref="MemoryValidationException"/> when <paramref name="userId"/> is not a valid user id.</summary>
    public static void Validate(string? userId)
    {
        if (userId is null || !Pattern().IsMatch(userId))
        {
            throw new MemoryValidationException("userId", userId is null ? "missing" : "not a valid user id", Allowed);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
