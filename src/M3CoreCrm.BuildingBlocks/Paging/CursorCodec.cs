using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace M3CoreCrm.BuildingBlocks.Paging;

/// <summary>
/// Opaque, signed cursors: base64url(JSON of the sort and the last row's key values) + "." + a truncated HMAC.
/// A cursor that was edited, truncated, or made for another sort is refused with 400.
/// </summary>
public sealed class CursorCodec(byte[] key)
{
    private const int MacBytes = 16;

    public string Encode(string sort, IReadOnlyList<object?> values)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new CursorPayload(sort, values.Select(v => JsonSerializer.SerializeToElement(v)).ToArray()));
        return WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(Mac(payload));
    }

    /// <summary>The key values of the last row of the previous page, as JSON elements in sort order.</summary>
    public IReadOnlyList<JsonElement> Decode(string cursor, string expectedSort)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        byte[] payload;
        byte[] mac;
        try
        {
            payload = WebEncoders.Base64UrlDecode(cursor[..Math.Max(dot, 0)]);
            mac = WebEncoders.Base64UrlDecode(cursor[(dot + 1)..]);
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        if (dot <= 0 || mac.Length != MacBytes || !CryptographicOperations.FixedTimeEquals(mac, Mac(payload)))
        {
            throw Invalid();
        }

        var decoded = JsonSerializer.Deserialize<CursorPayload>(payload) ?? throw Invalid();
        if (decoded.Sort != expectedSort)
        {
            throw Problems.BadRequest("paging.cursor_sort_mismatch", "The cursor belongs to another sort order; start again without a cursor.");
        }

        return decoded.Values;
    }

    private byte[] Mac(byte[] payload) => HMACSHA256.HashData(key, payload)[..MacBytes];

    private static ApiProblemException Invalid() =>
        Problems.BadRequest("paging.invalid_cursor", "The cursor is not one this API issued.");

    /// <summary>Derives the cursor key from a secret of the deployment, so cursors survive restarts.</summary>
    public static CursorCodec FromSecret(string secret) =>
        new(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "m3core-cursor-v1"u8.ToArray()));

    private sealed record CursorPayload(string Sort, JsonElement[] Values);
}
