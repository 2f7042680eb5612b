namespace TripSage.Memory;

/// <summary>One message of a conversation.</summary>
/// <param name="Role">Who said it: <c>user</c>, <c>assistant</c>, <c>system</c> or <c>tool</c>.</param>
/// <param name="Text">What was said.</param>
/// <param name="At">When it was said; the time of the call when not set.</param>
[GenerateSerializer, Immutable]
public sealed record ConversationMessage(
    [property: Id(0)] string Role,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset? At = null);
