namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>
/// One route of the HTTP API with a valid request: <c>{user}</c> and <c>{memory}</c> in the path are
/// replaced by the test's user and a memory id.
/// </summary>
public sealed record HttpRoute(string Method, string Path, string? Body = null)
{
    public override string ToString() => $"{Method} {Path}";

    public HttpRequestMessage Request(string userId, string memoryId = "m-unknown") =>
        new(new HttpMethod(Method), Fill(Path, Uri.EscapeDataString(userId), memoryId))
        {
            Content = Body is null ? null : new StringContent(Fill(Body, userId, memoryId), System.Text.Encoding.UTF8, "application/json"),
        };

    private static string Fill(string text, string userId, string memoryId) =>
        text.Replace("{user}", userId, StringComparison.Ordinal).Replace("{memory}", memoryId, StringComparison.Ordinal);
}
