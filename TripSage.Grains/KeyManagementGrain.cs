using Microsoft.Extensions.Logging;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Grains.Security.Auth;

namespace TripSage.Memory.Grains;

/// <summary>Grid-wide key operations; every call needs a token with the admin scope.</summary>
internal sealed partial class KeyManagementGrain(
    DataKeyStore dataKeys,
    CallerAuthenticator authenticator,
    ILogger<KeyManagementGrain> logger) : Grain, IKeyManagementGrain, IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var caller = await authenticator.AuthenticateAsync(RequestContext.Get(MemoryRequestContext.BearerToken) as string);
        authenticator.Authorize(caller, userId: string.Empty, adminOnly: true);
        LogKeyOperation(logger, context.InterfaceMethod.Name, caller.Subject);
        await context.Invoke();
    }

    public Task<KeyRotationReport> RewrapDataKeysAsync() => dataKeys.RewrapAllAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key operation {Operation} requested by {Subject}")]
    private static partial void LogKeyOperation(ILogger logger, string operation, string subject);
}
