namespace TripSage.Memory.Grains.Operations;

/// <summary>One operation of a user's memory, as the catalogue (<see cref="MemoryOperations"/>) names it.</summary>
/// <param name="Name">
/// Its one name everywhere: the audit event's <c>operation</c>, the <c>operation</c> metric label
/// and span name, the dashboard, the docs and the CLI's audit output.
/// </param>
/// <param name="Class">The token bucket it draws from.</param>
/// <param name="AdminOnly">Whether even the user's own token is not enough.</param>
internal sealed record MemoryOperation(string Name, OperationClass Class, bool AdminOnly);
