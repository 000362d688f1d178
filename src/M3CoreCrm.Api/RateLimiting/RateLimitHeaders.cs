using System.Globalization;
using System.Text;

namespace M3CoreCrm.Api.RateLimiting;

/// <summary>
/// The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): structured-field lists with one item per policy
/// the request drew from, e.g. <c>RateLimit-Policy: "tenant";q=600;w=60, "user";q=300;w=60</c> and
/// <c>RateLimit: "tenant";r=599;t=1, "user";r=299;t=1</c>. <c>r</c> is what is left now, <c>t</c> the seconds until
/// the next token, within which no more than <c>r</c> requests will pass. Partition keys are not sent.
/// </summary>
internal static class RateLimitHeaders
{
    internal const string PolicyHeader = "RateLimit-Policy";
    internal const string LimitHeader = "RateLimit";

    internal static string FormatPolicy(IReadOnlyList<BucketOutcome> buckets) =>
        Join(buckets, b => string.Create(CultureInfo.InvariantCulture, $"{Quoted(b.Spec.Policy)};q={b.Spec.Quota};w={b.Spec.WindowSeconds}"));

    internal static string FormatLimit(IReadOnlyList<BucketOutcome> buckets) =>
        Join(buckets, b => string.Create(CultureInfo.InvariantCulture, $"{Quoted(b.Spec.Policy)};r={b.Remaining};t={b.SecondsToNextToken}"));

    internal static void Write(IHeaderDictionary headers, RateLimitDecision decision)
    {
        if (decision.Buckets.Count == 0)
        {
            return;
        }

        headers[PolicyHeader] = FormatPolicy(decision.Buckets);
        headers[LimitHeader] = FormatLimit(decision.Buckets);
    }

    private static string Join(IReadOnlyList<BucketOutcome> buckets, Func<BucketOutcome, string> item) =>
        string.Join(", ", buckets.Select(item));

    /// <summary>An sf-string: printable ASCII, with <c>"</c> and <c>\</c> escaped (policy names are constants, but stay safe).</summary>
    private static string Quoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c is >= ' ' and <= '~')
            {
                text.Append(c);
            }
        }

        return text.Append('"').ToString();
    }
}
