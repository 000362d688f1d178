namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>
/// A request that cannot be served as asked, with the problem details to answer. Thrown by handlers and domain
/// code; the exception handler turns it into <c>application/problem+json</c>.
/// </summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException(int status, string code, string title, string? detail = null, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(detail ?? title)
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        Extensions = extensions ?? new Dictionary<string, object?>();
    }

    public int Status { get; }

    public string Code { get; }

    public string Title { get; }

    public string? Detail { get; }

    public IReadOnlyDictionary<string, object?> Extensions { get; }

    /// <summary>Seconds for a Retry-After header (429, 503), when the caller should come back later.</summary>
    public int? RetryAfterSeconds { get; init; }
}
