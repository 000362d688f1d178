using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>The common problems, so codes and titles stay uniform across modules.</summary>
public static class Problems
{
    public static ApiProblemException NotFound(string entity, object? id = null) =>
        new(StatusCodes.Status404NotFound, $"{entity}.not_found", "Not found",
            id is null ? $"The {entity} does not exist." : $"No {entity} with id '{id}' exists.");

    public static ApiProblemException Conflict(string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict, code, "Conflict", detail, extensions);

    /// <summary>
    /// 409 for a record that already exists (same email or phone), naming the existing record's id when the caller may
    /// see that record (null: it is outside the caller's scope, and its id is not disclosed).
    /// </summary>
    public static ApiProblemException Duplicate(string entity, Guid? existingId, string detail) =>
        new(StatusCodes.Status409Conflict, $"{entity}.duplicate", "Conflict", detail,
            existingId is { } id ? new Dictionary<string, object?> { ["existingId"] = id } : null);

    /// <summary>400 with field errors, like the validation filter's answer (for checks made inside a handler).</summary>
    public static ApiProblemException Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "validation.failed", "One or more validation errors occurred.", "One or more fields are invalid.",
            new Dictionary<string, object?> { ["errors"] = errors });

    public static ApiProblemException BadRequest(string code, string detail) =>
        new(StatusCodes.Status400BadRequest, code, "Bad request", detail);

    public static ApiProblemException Forbidden(string code, string detail) =>
        new(StatusCodes.Status403Forbidden, code, "Forbidden", detail);

    public static ApiProblemException Unauthorized(string code, string detail) =>
        new(StatusCodes.Status401Unauthorized, code, "Unauthorized", detail);

    public static ApiProblemException PreconditionFailed(string detail) =>
        new(StatusCodes.Status412PreconditionFailed, "request.precondition_failed", "Precondition failed", detail);

    /// <summary>429 <c>rate_limit.exceeded</c> with Retry-After and the names of the exhausted quota policies.</summary>
    public static ApiProblemException TooManyRequests(int retryAfterSeconds, IReadOnlyList<string> violatedPolicies) =>
        new(StatusCodes.Status429TooManyRequests, "rate_limit.exceeded", "Too many requests",
            $"The rate limit ({string.Join(", ", violatedPolicies)}) is exhausted; retry after {retryAfterSeconds} s.",
            new Dictionary<string, object?> { ["violatedPolicies"] = violatedPolicies })
        {
            RetryAfterSeconds = retryAfterSeconds,
        };

    /// <summary>The default machine code of a status when nothing more specific is known.</summary>
    public static string DefaultCode(int status) => status switch
    {
        400 => "request.invalid",
        401 => "auth.unauthenticated",
        403 => "auth.forbidden",
        404 => "route.not_found",
        405 => "request.method_not_allowed",
        406 => "request.not_acceptable",
        409 => "request.conflict",
        411 => "request.length_required",
        412 => "request.precondition_failed",
        413 => "request.body_too_large",
        415 => "request.unsupported_media_type",
        422 => "request.unprocessable",
        429 => "rate_limit.exceeded",
        503 => "service.unavailable",
        >= 500 => "server.error",
        _ => "request.failed",
    };

    /// <summary>A stable URI for each code (RFC 9457 <c>type</c>).</summary>
    public static string TypeOf(string code) => $"urn:m3core:problem:{code}";
}
