namespace TripSage.Memory.Cli.Commands;

/// <summary>Verification found the audit trail broken; the message says at which sequence and how.</summary>
internal sealed class AuditTrailBrokenException(string message) : Exception(message);
