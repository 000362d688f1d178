using System.Text.Json;

namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>A parameter of an operation: where it goes, its name and its (resolved) schema.</summary>
internal sealed record ApiParameter(string Name, string In, JsonElement Schema);

/// <summary>One operation of the OpenAPI document, reduced to what the fuzzer needs.</summary>
internal sealed record ApiOperation(
    string Id,
    string Method,
    string Path,
    IReadOnlyList<ApiParameter> Parameters,
    IReadOnlyList<string> BodyMediaTypes,
    JsonElement? BodySchema,
    bool BodyRequired,
    bool Secured,
    IReadOnlySet<int> DocumentedStatuses,
    IReadOnlyDictionary<int, JsonElement> SuccessBodies)
{
    internal bool IsRead => Method == "GET";

    internal bool HasBody => BodyMediaTypes.Count > 0;

    internal bool IsPlatform => Path.StartsWith("/api/v1/platform/", StringComparison.Ordinal);

    /// <summary>Anonymous endpoints of the auth flow (login, refresh): no token, the body carries the credentials.</summary>
    internal bool IsAnonymousAuth => !Secured && !IsPlatform;

    internal bool HonoursIfMatch => DocumentedStatuses.Contains(412);

    internal IEnumerable<ApiParameter> PathParameters => Parameters.Where(p => p.In == "path");

    internal IEnumerable<ApiParameter> QueryParameters => Parameters.Where(p => p.In == "query");

    public override string ToString() => $"{Method} {Path}";
}
