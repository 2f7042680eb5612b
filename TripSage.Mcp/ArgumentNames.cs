namespace TripSage.Memory.Mcp;

/// <summary>
/// How the grid's field paths read as one tool's argument names, so an error names the argument the
/// agent sent (<c>text</c>) rather than the request the tool built from it (<c>memories[0].text</c>).
/// </summary>
/// <param name="renames">Prefixes of grid field paths and the argument each stands for, most specific first.</param>
internal sealed class ArgumentNames(params (string GridField, string Argument)[] renames)
{
    /// <summary>The argument <paramref name="field"/> came from, or the field itself when no prefix matches.</summary>
    public string Of(string field)
    {
        foreach (var (gridField, argument) in renames)
        {
            if (field.StartsWith(gridField, StringComparison.Ordinal))
            {
                return argument + field[gridField.Length..];
            }
        }

        return field;
    }

    /// <summary>
    /// <paramref name="message"/>, which starts with <paramref name="field"/> as the grid's errors do,
    /// starting with the argument instead.
    /// </summary>
    public string Reword(string field, string message) =>
        message.StartsWith(field, StringComparison.Ordinal) ? Of(field) + message[field.Length..] : message;
}
