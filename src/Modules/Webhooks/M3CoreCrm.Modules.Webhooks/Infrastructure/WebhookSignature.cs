using System.Security.Cryptography;
using System.Text;

namespace M3CoreCrm.Modules.Webhooks.Infrastructure;

/// <summary>
/// Standard Webhooks signing: <c>webhook-signature</c> is <c>v1,</c> + base64(HMAC-SHA256(key, id.timestamp.body)),
/// with the key the base64 part of a <c>whsec_</c> secret; several signatures (a secret being rotated) are
/// separated by spaces, and a receiver accepts the message when any one verifies.
/// </summary>
internal static class WebhookSignature
{
    internal const string SecretPrefix = "whsec_";
    internal const string IdHeader = "webhook-id";
    internal const string TimestampHeader = "webhook-timestamp";
    internal const string SignatureHeader = "webhook-signature";

    /// <summary>A new secret: 32 random bytes, as integrators paste it into their verifying library.</summary>
    internal static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    internal static bool IsSecret(string value)
    {
        if (!value.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> key = stackalloc byte[64];
        return Convert.TryFromBase64String(value[SecretPrefix.Length..], key, out var written) && written >= 24;
    }

    /// <summary>The header's value for every secret in force (the current one, and the previous during rotation).</summary>
    internal static string Header(IEnumerable<string> secrets, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.");
        var content = new byte[signed.Length + body.Length];
        signed.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(signed.Length));
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(secret), content))));
    }

    private static byte[] Key(string secret) =>
        secret.StartsWith(SecretPrefix, StringComparison.Ordinal)
            ? Convert.FromBase64String(secret[SecretPrefix.Length..])
            : throw new ArgumentException("A webhook secret starts with whsec_.", nameof(secret));
}
