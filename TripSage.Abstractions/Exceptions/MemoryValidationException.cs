namespace TripSage.Memory;

/// <summary>
/// A request was rejected because one of its fields is not allowed. Nothing was changed.
/// </summary>
[GenerateSerializer]
public sealed class MemoryValidationException : Exception
{
    /// <summary>Creates the exception for a field and what it allows.</summary>
    /// <param name="field">The field at fault, as a path such as <c>memories[3].text</c>.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="allowed">What the field allows.</param>
    public MemoryValidationException(string field, string problem, string allowed)
        : base($"{field}: {problem}; allowed: {allowed}.")
    {
        Field = field;
        Allowed = allowed;
    }

    /// <summary>The field at fault, as a path such as <c>memories[3].text</c>.</summary>
    [Id(0)] public string Field { get; }

    /// <summary>What the field allows.</summary>
    [Id(1)] public string Allowed { get; }
}
