using System.Collections.Concurrent;
using System.Reflection;
using System.Text;

namespace TripSage.Memory.Grains.Telemetry;

/// <summary>
/// The <c>operation</c> label of a grain method: its name without <c>Async</c>, in snake case
/// (<c>AddConversationAsync</c> → <c>add_conversation</c>). Bounded by the interface's methods,
/// so the label's cardinality is too.
/// </summary>
internal static class OperationName
{
    private const string AsyncSuffix = "Async";
    private static readonly ConcurrentDictionary<MethodInfo, string> Cache = new();

    public static string Of(MethodInfo method) => Cache.GetOrAdd(method, static m => FromMethodName(m.Name));

    public static string FromMethodName(string methodName)
    {
        var name = methodName.EndsWith(AsyncSuffix, StringComparison.Ordinal) ? methodName[..^AsyncSuffix.Length] : methodName;
        var snake = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(name[i]));
        }

        return snake.ToString();
    }
}
