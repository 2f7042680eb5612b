using System.Collections;
using Orleans.Serialization.Invocation;

namespace TripSage.Memory.Grains.Telemetry;

/// <summary>
/// How many items a request or an answer carried, for span attributes: batch sizes and result
/// sizes tell an operator why one call was slow. Counts only, never contents.
/// </summary>
internal static class OperationItems
{
    /// <summary>Items in the first argument that holds items, or <see langword="null"/> when none does.</summary>
    public static int? In(IInvokable request)
    {
        for (var i = 0; i < request.GetArgumentCount(); i++)
        {
            if (Count(request.GetArgument(i)) is { } count)
            {
                return count;
            }
        }

        return null;
    }

    /// <summary>Items in an answer: one for a single record, none for no record.</summary>
    public static int? Out(object? result) => result is null ? 0 : Count(result) ?? (result is MemoryRecord ? 1 : null);

    private static int? Count(object? value) => value switch
    {
        Conversation conversation => conversation.Messages.Count,
        RememberResult remember => remember.Outcomes.Count,
        MemoryPage page => page.Items.Count,
        ForgetResult forget => forget.Forgotten.Count,
        UserExport export => export.Memories.Count,
        UserContext context => context.Sections.Sum(section => section.Memories.Count),
        ICollection collection => collection.Count,
        IReadOnlyCollection<object> collection => collection.Count,
        _ => null,
    };
}
