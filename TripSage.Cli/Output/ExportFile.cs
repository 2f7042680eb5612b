using System.Text.Json;
using TripSage.Memory.Cli.Arguments;

namespace TripSage.Memory.Cli.Output;

/// <summary>An export document on disk, in the same JSON that <c>export</c> prints.</summary>
internal static class ExportFile
{
    /// <exception cref="CommandInputException">The file cannot be written.</exception>
    public static async Task WriteAsync(string path, UserExport document, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, JsonOutput.Options) + Environment.NewLine, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandInputException($"cannot write {path}: {exception.Message}", exception);
        }
    }

    /// <exception cref="CommandInputException">The file cannot be read or is not an export document.</exception>
    public static async Task<UserExport> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<UserExport>(stream, JsonOutput.Options, cancellationToken)
                ?? throw new CommandInputException($"{path} holds null, not an export document");
        }
        catch (JsonException exception)
        {
            throw new CommandInputException($"{path} is not a valid export document: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandInputException($"cannot read {path}: {exception.Message}", exception);
        }
    }
}
