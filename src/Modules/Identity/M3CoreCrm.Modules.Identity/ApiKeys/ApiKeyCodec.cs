using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace M3CoreCrm.Modules.Identity.ApiKeys;

/// <summary>
/// API keys are "m3k_{tenant id, 32 hex}_{256 random bits, base64url}": the prefix tells them from access tokens
/// (and lets secret scanners spot them), the tenant part finds the tenant without a slug, the random part is the
/// secret. Only the SHA-256 of the whole key is stored; a fast hash is right for 256 random bits.
/// </summary>
internal static class ApiKeyCodec
{
    internal const string Prefix = "m3k_";
    internal const int Length = 4 + 32 + 1 + 43;

    public static string Create(Guid tenantId) =>
        $"{Prefix}{tenantId:N}_{WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32))}";

    public static byte[] HashOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>"m3k_…" and the last four characters: enough to tell keys apart, useless to an attacker.</summary>
    public static string HintOf(string key) => $"{Prefix}…{key[^4..]}";

    /// <summary>The tenant of a well-formed key; false for anything else (garbage, truncated, oversized).</summary>
    public static bool TryReadTenant(string? key, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        return key is { Length: Length }
            && key.StartsWith(Prefix, StringComparison.Ordinal)
            && key[36] == '_'
            && Guid.TryParseExact(key.AsSpan(4, 32), "N", out tenantId)
            && tenantId != Guid.Empty;
    }
}
