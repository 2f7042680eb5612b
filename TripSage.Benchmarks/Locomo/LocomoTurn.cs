namespace TripSage.Memory.Benchmarks.Locomo;

/// <summary>
/// One turn. <see cref="MemoryText"/> is what is stored: who said it and what, with the caption of a
/// shared photo, as an agent would record a chat turn it wants to remember.
/// </summary>
internal sealed record LocomoTurn(string DialogueId, string Speaker, string Text, string? ImageCaption)
{
    public string MemoryText => ImageCaption is null ? $"{Speaker}: {Text}" : $"{Speaker}: {Text} [shares {ImageCaption}]";
}
