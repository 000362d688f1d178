using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Http;

namespace M3CoreCrm.Api.RateLimiting;

/// <summary>
/// The account a login names (its body's tenant and email), read before the endpoint without disturbing model
/// binding: the body is buffered and rewound. A login body over <see cref="MaxBytes"/> is refused with 413 here, before
/// any other work: otherwise padding the JSON would dodge the per-account bucket. The key is a hash, so no email lands in Redis or in memory dumps of the
/// limiter, and keys stay short whatever the body says.
/// </summary>
internal static class LoginAccountReader
{
    /// <summary>Login bodies are tiny; a larger one is refused.</summary>
    internal const int MaxBytes = 8 * 1024;

    internal static async Task<string?> ReadAsync(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method) || !request.Path.Equals(RateLimitPartitioner.LoginPath, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (request.ContentLength is > MaxBytes)
        {
            throw TooLarge();
        }

        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null; // the endpoint answers 415; per-IP limits still apply
        }

        request.EnableBuffering();
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
            {
                length += read;
            }
        }
        finally
        {
            request.Body.Position = 0;
        }

        return length > MaxBytes ? throw TooLarge() : AccountKey(buffer.AsSpan(0, length));
    }

    private static ApiProblemException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "request.body_too_large", "Payload too large", $"A login body is at most {MaxBytes} bytes.");

    /// <summary>The hashed, normalized tenant + email of a login body, or null when it names no account.</summary>
    internal static string? AccountKey(ReadOnlySpan<byte> json)
    {
        string? tenant = null;
        string? email = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read())
                {
                    return null;
                }

                if (reader.TokenType == JsonTokenType.String && string.Equals(name, "tenant", StringComparison.OrdinalIgnoreCase))
                {
                    tenant = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.String && string.Equals(name, "email", StringComparison.OrdinalIgnoreCase))
                {
                    email = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return null; // the endpoint answers 400; per-IP limits still apply
        }

        if (string.IsNullOrWhiteSpace(tenant) || string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var normalized = $"{tenant.Trim().ToUpperInvariant()}\n{email.Trim().ToUpperInvariant()}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)), 0, 16);
    }
}
