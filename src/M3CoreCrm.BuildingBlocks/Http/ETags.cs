using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>Strong ETags from a row version (PostgreSQL xmin), and If-Match checks that answer 412.</summary>
public static class ETags
{
    public static string Format(uint version) => $"\"{version}\"";

    /// <summary>Sets the ETag response header.</summary>
    public static void Write(HttpResponse response, uint version) => response.Headers.ETag = Format(version);

    /// <summary>
    /// The version the client says it has, from If-Match: null when there is no If-Match (or it is <c>*</c>).
    /// Weak or malformed tags never match (RFC 9110 strong comparison), so they give 412.
    /// </summary>
    public static uint? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseList([header], out var tags))
        {
            throw Problems.PreconditionFailed("The If-Match header is not a list of entity tags.");
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }

        foreach (var tag in tags)
        {
            if (!tag.IsWeak && uint.TryParse(tag.Tag.AsSpan().Trim('"'), out var version))
            {
                return version;
            }
        }

        throw Problems.PreconditionFailed("The If-Match header names no version of this record.");
    }

    /// <summary>Throws 412 when If-Match names another version than <paramref name="current"/>.</summary>
    public static void EnsureMatches(HttpRequest request, uint current)
    {
        if (ExpectedVersion(request) is { } expected && expected != current)
        {
            throw Problems.PreconditionFailed("The record has changed since it was read; fetch it again and retry.");
        }
    }
}
