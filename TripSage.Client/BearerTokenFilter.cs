namespace TripSage.Memory.Client;

/// <summary>Puts the caller's bearer token into the request context of every outgoing grain call.</summary>
internal sealed class BearerTokenFilter(string? token, Func<string, CancellationToken, ValueTask<string?>>? provider) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Set inside this async method, the value flows with this call only, not back to the caller.
        if (RequestContext.Get(MemoryRequestContext.BearerToken) is null)
        {
            var bearer = provider is null ? token : await provider(context.TargetId.Key.ToString()!, CancellationToken.None);
            if (bearer is not null)
            {
                RequestContext.Set(MemoryRequestContext.BearerToken, bearer);
            }
        }

        await context.Invoke();
    }
}
