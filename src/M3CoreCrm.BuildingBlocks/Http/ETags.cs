using System.Globalization;
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
    /// The version the client says it has, from If-Match: null when there is no If-Match (or it is <c>*</c>); with
    /// several tags, the first one this API could have issued. Weak or malformed tags never match (RFC 9110 strong
    /// comparison), so a header naming no version gives 412.
    /// </summary>
    public static uint? ExpectedVersion(HttpRequest request) => ListedVersions(request) switch
    {
        null => null,
        [var first, ..] => first,
        [] => throw Problems.PreconditionFailed("The If-Match header names no version of this record."),
    };

    /// <summary>Throws 412 unless If-Match is absent, <c>*</c>, or lists <paramref name="current"/> (any of its tags may match).</summary>
    public static void EnsureMatches(HttpRequest request, uint current)
    {
        if (ListedVersions(request) is { } versions && !versions.Contains(current))
        {
            throw Problems.PreconditionFailed("The record has changed since it was read; fetch it again and retry.");
        }
    }

    /// <summary>Null when If-Match sets no condition; otherwise the versions of its strong tags, in order.</summary>
    private static List<uint>? ListedVersions(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        // Strict: the lenient parser skips invalid items, so `garbage, "5"` would pass as "5".
        if (!EntityTagHeaderValue.TryParseStrictList([header], out var tags))
        {
            throw Problems.PreconditionFailed("The If-Match header is not a list of entity tags.");
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }

        var versions = new List<uint>();
        foreach (var tag in tags.Where(t => !t.IsWeak))
        {
            // Opaque comparison: only the exact text this API issues matches ("05" or "+5" is not "5").
            if (uint.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                && tag.Tag.Equals(Format(version)))
            {
                versions.Add(version);
            }
        }

        return versions;
    }
}
