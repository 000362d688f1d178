using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace M3CoreCrm.Modules.Identity.Tokens;

/// <summary>
/// Refresh tokens are "{tenant id}.{256 random bits, base64url}": the tenant part lets refresh find the tenant
/// without a slug, the random part is the secret. Only the SHA-256 of the whole token is stored.
/// </summary>
internal static class RefreshTokenCodec
{
    internal const int MaxLength = 128;

    public static string Create(Guid tenantId) =>
        $"{tenantId:N}.{WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32))}";

    public static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The tenant of a well-formed token; false for anything else (garbage, truncated, oversized).</summary>
    public static bool TryReadTenant(string? token, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        if (token is null || token.Length > MaxLength)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        return dot == 32 && token.Length == 32 + 1 + 43 && Guid.TryParseExact(token[..dot], "N", out tenantId) && tenantId != Guid.Empty;
    }
}
