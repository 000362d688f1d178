using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Tokens;

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

    /// <summary>
    /// The one successor of <paramref name="token"/>: an HMAC of it under a server key, so rotation and every retry
    /// within the grace window hand out the same next token (one chain, never a fork), and nobody without the key can
    /// compute it from a stolen, already used token.
    /// </summary>
    public static string SuccessorOf(string token, Guid tenantId, byte[] serverKey)
    {
        var mac = HMACSHA256.HashData(serverKey, Encoding.UTF8.GetBytes("m3crm.refresh-successor\n" + token));
        return $"{tenantId:N}.{WebEncoders.Base64UrlEncode(mac)}";
    }

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
