using Microsoft.AspNetCore.Http.HttpResults;
using TripSage.Memory.Client;

namespace TripSage.Memory.Hosting.Http;

/// <summary><c>/v1/users/{userId}/audit</c>: the user's audit trail and its verification.</summary>
internal static class UserAuditEndpoints
{
    // The client library's own defaults for an audit read: from the first event, a page of 500.
    private const long FirstSequence = 1;
    private const int DefaultLimit = 500;

    public static RouteGroupBuilder MapUserAudit(this RouteGroupBuilder user)
    {
        var audit = user.MapGroup("/audit").WithTags("audit");

        audit.MapGet(string.Empty, ReadAuditAsync)
            .WithName("read_audit")
            .WithSummary("Read the user's audit trail")
            .WithDescription("Grid operation `read_audit`: events from sequence `since` (default 1) on, oldest first, at most `limit` (default 500). Events never hold memory text. Allowed to the user's own token and to the admin scope, as for every caller of the grid.");

        audit.MapGet("/verify", VerifyAuditAsync)
            .WithName("verify_audit")
            .WithSummary("Verify the user's audit trail")
            .WithDescription("Grid operation `verify_audit` (sensitive rate-limit class): checks every kept event's HMAC and link and names the first missing, reordered or altered one.");

        return user;
    }

    private static async Task<Ok<IReadOnlyList<AuditEvent>>> ReadAuditAsync(string userId, IMemoryClient memory, long? since, int? limit) =>
        TypedResults.Ok(await memory.ReadAuditAsync(userId, since ?? FirstSequence, limit ?? DefaultLimit));

    private static async Task<Ok<AuditVerification>> VerifyAuditAsync(string userId, IMemoryClient memory) =>
        TypedResults.Ok(await memory.VerifyAuditAsync(userId));
}
