using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Security.Auth;

/// <summary>Refuses to start without a way to validate tokens, naming the setting to fix.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    private const int MinimumSecretBytes = 32;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var section = AuthOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey) && options.RsaPublicKeys.Count == 0)
        {
            failures.Add($"{section}: configure {section}:SigningKey (HS256, 32+ random bytes in base64) or {section}:RsaPublicKeys (RS256 public keys in PEM) to validate callers' tokens.");
        }

        if (!string.IsNullOrEmpty(options.SigningKey)
            && (!TryBase64(options.SigningKey, out var secret) || secret.Length < MinimumSecretBytes))
        {
            failures.Add($"{section}:SigningKey must be at least {MinimumSecretBytes} bytes encoded in base64.");
        }

        for (var i = 0; i < options.RsaPublicKeys.Count; i++)
        {
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(options.RsaPublicKeys[i]);
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                failures.Add($"{section}:RsaPublicKeys:{i} is not an RSA public key in PEM: {ex.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience) || string.IsNullOrWhiteSpace(options.AdminScope))
        {
            failures.Add($"{section}:Issuer, Audience and AdminScope must not be empty.");
        }

        if (options.MaxCachedTokens < 0)
        {
            failures.Add($"{section}:MaxCachedTokens must be 0 (no cache) or more; it is {options.MaxCachedTokens}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool TryBase64(string value, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(value);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
