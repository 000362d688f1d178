namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>Who sends a case: a tenant owner, a low-privilege agent, nobody, or someone with a forged credential.</summary>
internal static class Caller
{
    internal const string Owner = "owner";
    internal const string Agent = "agent";
    internal const string Anonymous = "anonymous";
}

/// <summary>
/// One generated request. Ids and tokens are placeholders resolved by <see cref="FuzzWorld"/> when it is sent, so the
/// same case replays in every run (the regression corpus stores these). <see cref="MustReject"/> cases carry a
/// defect that the API has to refuse; the others may succeed.
/// </summary>
internal sealed record FuzzCase(
    string Operation,
    string Caller,
    string Method,
    string Url,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string? Body,
    bool MustReject,
    string Defect)
{
    public override string ToString() =>
        $"{Method} {Url} as {Caller} [{Defect}] headers={string.Join("; ", Headers.Select(h => $"{h.Key}: {Clip(h.Value)}"))} " +
        $"content-type={ContentType ?? "(none)"} body={Clip(Body ?? "(none)")}";

    internal static string Clip(string text) => text.Length <= 300 ? text : $"{text[..300]}... ({text.Length} chars)";
}
