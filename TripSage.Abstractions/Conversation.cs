namespace TripSage.Memory;

/// <summary>The messages of one conversation session; each becomes a memory.</summary>
/// <param name="SessionId">The session the messages belong to.</param>
/// <param name="Messages">The messages in order.</param>
/// <param name="Category">Category given to every message's memory; <c>conversation</c> when not set.</param>
[GenerateSerializer, Immutable]
public sealed record Conversation(
    [property: Id(0)] string SessionId,
    [property: Id(1)] IReadOnlyList<ConversationMessage> Messages,
    [property: Id(2)] string? Category = null);
