using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;

/// <summary>
/// API keys are "m3k_{tenant id, 32 hex}_{43 base64url chars}": the prefix tells them from access tokens (and lets
/// secret scanners spot them), the tenant part finds the tenant without a slug, and the last part is 224 random bits
/// followed by a 32-bit checksum of everything before it, so a mistyped, truncated or made-up key is refused without a
/// database lookup. Only the SHA-256 of the whole key is stored; a fast hash is right for 224 random bits.
/// </summary>
internal static class ApiKeyCodec
{
    internal const string Prefix = "m3k_";
    internal const int Length = 4 + 32 + 1 + 43;

    private const int RandomBytes = 28;
    private const int ChecksumBytes = 4;

    public static string Create(Guid tenantId)
    {
        var head = $"{Prefix}{tenantId:N}_";
        var body = new byte[RandomBytes + ChecksumBytes];
        RandomNumberGenerator.Fill(body.AsSpan(0, RandomBytes));
        Checksum(head, body.AsSpan(0, RandomBytes)).CopyTo(body.AsSpan(RandomBytes));
        return head + WebEncoders.Base64UrlEncode(body);
    }

    public static byte[] HashOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>"m3k_…" and the last four characters: enough to tell keys apart, useless to an attacker.</summary>
    public static string HintOf(string key) => $"{Prefix}…{key[^4..]}";

    /// <summary>The tenant of a well-formed key with a valid checksum; false for anything else (garbage, truncated, oversized, mistyped).</summary>
    public static bool TryReadTenant(string? key, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        if (key is not { Length: Length }
            || !key.StartsWith(Prefix, StringComparison.Ordinal)
            || key[36] != '_'
            || !Guid.TryParseExact(key.AsSpan(4, 32), "N", out var tenant)
            || tenant == Guid.Empty)
        {
            return false;
        }

        byte[] body;
        try
        {
            body = WebEncoders.Base64UrlDecode(key, 37, Length - 37);
        }
        catch (FormatException)
        {
            return false;
        }

        if (body.Length != RandomBytes + ChecksumBytes
            || !CryptographicOperations.FixedTimeEquals(Checksum(key[..37], body.AsSpan(0, RandomBytes)), body.AsSpan(RandomBytes)))
        {
            return false;
        }

        tenantId = tenant;
        return true;
    }

    private static byte[] Checksum(string head, ReadOnlySpan<byte> random)
    {
        var input = new byte[Encoding.ASCII.GetByteCount(head) + random.Length];
        var written = Encoding.ASCII.GetBytes(head, input);
        random.CopyTo(input.AsSpan(written));
        return SHA256.HashData(input)[..ChecksumBytes];
    }
}
