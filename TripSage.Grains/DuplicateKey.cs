namespace TripSage.Memory.Grains;

/// <summary>
/// What makes two memories exact duplicates: the same text said in the same session by the same
/// role. A memory without a session is a duplicate only of another memory without a session, so a
/// "sounds good" in two different conversations is kept twice, but a repeated remember is not.
/// </summary>
internal readonly record struct DuplicateKey(string? SessionId, string? Role, string Text)
{
    public static DuplicateKey Of(MemoryRecord memory) => new(memory.SessionId, memory.Role, memory.Text);
}
