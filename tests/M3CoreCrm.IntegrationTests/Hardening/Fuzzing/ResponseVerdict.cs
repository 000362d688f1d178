using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>What the fuzzer requires of every answer; null when the answer is acceptable, else what is wrong.</summary>
internal static partial class ResponseVerdict
{
    internal static string? Judge(FuzzCase fuzzCase, string sentText, int status, MediaTypeHeaderValue? contentType, string body, FuzzWorld world)
    {
        if (status >= 500 && !IsLoadShedding(status, body))
        {
            return $"server error {status}";
        }

        if (fuzzCase.MustReject && status is >= 200 and < 300)
        {
            return $"accepted ({status}) although the request carries a defect: {fuzzCase.Defect}";
        }

        if (status >= 400 && body.Length > 0 && ProblemFault(status, contentType, body) is { } fault)
        {
            return fault;
        }

        return Leak(sentText, body, world);
    }

    /// <summary>
    /// The password-hashing gate's 503 <c>auth.busy</c> (with Retry-After) is the designed answer to more logins than
    /// the cores can hash in time, which a busy test machine reaches; it is documented on the operations that hash.
    /// Any other 5xx is a defect.
    /// </summary>
    private static bool IsLoadShedding(int status, string body)
    {
        if (status != 503)
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() == "auth.busy";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>RFC 9457: application/problem+json, an object with type, title and the status of the response.</summary>
    private static string? ProblemFault(int status, MediaTypeHeaderValue? contentType, string body)
    {
        if (contentType?.MediaType != "application/problem+json")
        {
            return $"error {status} with content type '{contentType?.MediaType}' instead of application/problem+json";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"problem body of error {status} is not an object";
            }

            if (!root.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status)
            {
                return $"problem body's status does not match the response's {status}";
            }

            if (!root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || title.GetString()!.Length == 0)
            {
                return $"problem body of error {status} has no title";
            }

            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString()!.Length == 0)
            {
                return $"problem body of error {status} has no type";
            }

            return null;
        }
        catch (JsonException)
        {
            return $"problem body of error {status} is not JSON";
        }
    }

    /// <summary>Another tenant's marker or id in the answer, unless the request itself carried it (an echoed id).</summary>
    private static string? Leak(string sentText, string body, FuzzWorld world)
    {
        foreach (var marker in world.OtherTenantMarkers)
        {
            if (body.Contains(marker, StringComparison.OrdinalIgnoreCase) && !sentText.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return $"the other tenant's marker '{marker}' is in the answer";
            }
        }

        foreach (Match match in GuidPattern().Matches(body))
        {
            var id = match.Value.ToLowerInvariant();
            if (world.OtherTenantIds.Contains(id) && !sentText.Contains(id, StringComparison.OrdinalIgnoreCase))
            {
                return $"the other tenant's id {id} is in the answer";
            }
        }

        return null;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
