using TripSage.Memory.Grains.Security.Content;
namespace TripSage.Memory.Grains.Security;

/// <summary>
/// The ids of the suspicious-pattern rules. They appear in <see cref="MemoryRecord.Flags"/>, in
/// <see cref="MemoryRejectedException.Rules"/>, in the audit trail and as a metric label, so they
/// are stable, lower-case and never carry user text.
/// </summary>
internal static class SecurityRuleIds
{
    /// <summary>Instructions aimed at a future prompt ("ignore previous instructions", chat-template tokens).</summary>
    public const string PromptInjection = "prompt-injection";

    /// <summary>Zero-width, bidirectional-control or tag characters that hide text from a reader.</summary>
    public const string InvisibleCharacters = "invisible-characters";

    /// <summary>A payment card number (13 to 19 digits passing the Luhn check).</summary>
    public const string CardNumber = "card-number";

    /// <summary>A credential in a well-known shape (cloud, code-hosting, chat or model API keys, private keys).</summary>
    public const string ApiKey = "api-key";

    /// <summary>Many calls for one user denied access within a short window.</summary>
    public const string DenialBurst = "denial-burst";

    /// <summary>Many memories of one user forgotten within a short window.</summary>
    public const string MassForget = "mass-forget";

    /// <summary>Many calls for one user refused by the rate limiter within a short window.</summary>
    public const string RateLimitStorm = "rate-limit-storm";

    /// <summary>A call without a valid bearer token, refused before it reached any user's memory.</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>
    /// A call from outside the silo to something other than a memory operation (the management grain,
    /// a grain extension, a reminder tick), or a reminder tick not sent by the reminder service.
    /// </summary>
    public const string InternalCall = "internal-call";
}
