namespace TripSage.Memory.Mcp.Results;

/// <summary>The receipt of <c>delete_all_memories</c>: proof that the user's memory was erased.</summary>
internal sealed record EraseResult(string ReceiptId, DateTimeOffset ErasedAt, int MemoriesErased, int PreferencesErased)
{
    public static EraseResult From(EraseReceipt receipt) =>
        new(receipt.ReceiptId, receipt.ErasedAt, receipt.MemoriesErased, receipt.PreferencesErased);
}
