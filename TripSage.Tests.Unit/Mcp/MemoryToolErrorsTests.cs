using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TripSage.Memory.Mcp;

namespace TripSage.Memory.Tests.Unit.Mcp;

/// <summary>The grid's refusals as the MCP tool errors an agent reads.</summary>
public sealed class MemoryToolErrorsTests
{
    private static readonly ArgumentNames AddMemoryArguments = new(("memories[0].", ""));

    [Fact]
    public void From_ValidationOfTheBatchItem_NamesTheToolArgument()
    {
        var refused = MemoryToolErrors.From(new MemoryValidationException("memories[0].text", "blank", "1 to 8192 bytes"), AddMemoryArguments);

        Assert.Equal(MemoryToolErrors.Invalid, refused?.Error);
        Assert.Equal("Invalid argument text: blank; allowed: 1 to 8192 bytes. Nothing was changed.", refused?.Message);
    }

    [Fact]
    public void From_ContentRejectedInTheBatchItem_NamesTheToolArgumentAndTheRules()
    {
        var refused = MemoryToolErrors.From(new MemoryRejectedException("memories[0].text", ["card-number"]), AddMemoryArguments);

        Assert.Equal(MemoryToolErrors.Rejected, refused?.Error);
        Assert.StartsWith("text: rejected by the content policy (card-number)", refused?.Message);
    }

    [Fact]
    public void From_RateLimit_SaysWhenToRetry()
    {
        var refused = MemoryToolErrors.From(new RateLimitExceededException("write", TimeSpan.FromSeconds(2.5)), AddMemoryArguments);

        Assert.Equal(MemoryToolErrors.RateLimited, refused?.Error);
        Assert.Equal(TimeSpan.FromSeconds(2.5), refused?.RetryAfter);
        Assert.Contains("retry after 2.5 s", refused?.Message);
    }

    [Fact]
    public void From_AnExceptionThatIsNoRefusal_IsLeftToTheSdk() =>
        Assert.Null(MemoryToolErrors.From(new InvalidOperationException("a bug"), AddMemoryArguments));

    [Fact]
    public async Task Filter_ARefusal_BecomesAToolErrorWithItsCodeInMeta()
    {
        var filtered = MemoryToolErrors.Filter((_, _) => throw new MemoryToolException(MemoryToolErrors.RateLimited, "wait", TimeSpan.FromSeconds(3)));

        var result = await filtered(null!, CancellationToken.None);

        Assert.True(result.IsError);
        Assert.Equal("wait", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.Equal(MemoryToolErrors.RateLimited, result.Meta?[MemoryToolErrors.ErrorKey]?.GetValue<string>());
        Assert.Equal(3, result.Meta?[MemoryToolErrors.RetryAfterKey]?.GetValue<double>());
    }

    [Fact]
    public async Task Filter_AnArgumentTheSdkCouldNotBind_BecomesAnInvalidArgumentError()
    {
        var filtered = MemoryToolErrors.Filter((_, _) => throw new ArgumentException("The arguments dictionary is missing a value for the required parameter 'confirm'."));

        var result = await filtered(null!, CancellationToken.None);

        Assert.True(result.IsError);
        Assert.Equal(MemoryToolErrors.Invalid, result.Meta?[MemoryToolErrors.ErrorKey]?.GetValue<string>());
        Assert.Contains("'confirm'", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task Filter_AnUnexpectedException_IsLeftToTheSdk()
    {
        McpRequestHandler<CallToolRequestParams, CallToolResult> filtered = MemoryToolErrors.Filter((_, _) => throw new InvalidOperationException("a bug"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => filtered(null!, CancellationToken.None).AsTask());
    }
}
