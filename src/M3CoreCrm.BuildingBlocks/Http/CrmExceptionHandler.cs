using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>
/// The one place where exceptions become problem details: known problems keep their status and code, a lost
/// database becomes 503 with Retry-After, anything else is logged and answered 500 without internals.
/// </summary>
internal sealed class CrmExceptionHandler(IProblemDetailsService problems, ILogger<CrmExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the client left; nobody reads an answer
        }

        var (problem, retryAfter) = Map(exception);
        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed: {Code}", httpContext.Request.Method, httpContext.Request.Path, problem.Extensions["code"]);
        }

        return await WriteAsync(httpContext, problems, problem, retryAfter, exception);
    }

    /// <summary>Status, Retry-After and the problem+json body: the same answer whether the problem was thrown or not.</summary>
    internal static async ValueTask<bool> WriteAsync(HttpContext httpContext, IProblemDetailsService problems, ProblemDetails problem, int? retryAfter, Exception? exception)
    {
        httpContext.Response.StatusCode = problem.Status!.Value;
        if (retryAfter is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    internal static (ProblemDetails Problem, int? RetryAfter) Map(Exception exception) => exception switch
    {
        ApiProblemException api => (Build(api.Status, api.Code, api.Title, api.Detail, api.Extensions), api.RetryAfterSeconds),
        BadHttpRequestException bad => (Build(bad.StatusCode, Problems.DefaultCode(bad.StatusCode), "Bad request", BadRequestDetail(bad)), null),
        DbUpdateConcurrencyException => (Build(412, "request.precondition_failed", "Precondition failed",
            "The record was changed by someone else; fetch it again and retry."), null),
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
            (Build(409, "request.conflict", "Conflict", "A record with the same unique values already exists."), null),
        _ when IsConcurrencyConflict(exception) => (Build(409, "request.concurrency_conflict", "Conflict",
            "The request collided with a concurrent one and was undone; retry it."), 1),
        _ when IsDatabaseUnavailable(exception) => (Build(503, "service.unavailable", "Service unavailable",
            "The database is unavailable; retry shortly."), 5),
        _ => (Build(500, "server.error", "Internal server error", "An unexpected error occurred; it has been logged."), null),
    };

    private static string BadRequestDetail(BadHttpRequestException exception) => exception.StatusCode switch
    {
        413 => "The request body is larger than the limit.",
        415 => "The request body must be application/json.",
        _ when exception.InnerException is System.Text.Json.JsonException json => $"The request body is not valid JSON for this operation: {JsonPathOf(json)}",
        _ => exception.Message,
    };

    private static string JsonPathOf(System.Text.Json.JsonException json) =>
        json.Path is { Length: > 0 } path ? $"problem at '{path}'." : "malformed JSON.";

    /// <summary>
    /// A deadlock or a serialization failure: PostgreSQL undid this request's transaction so that a concurrent one could
    /// go on. Nothing is wrong with the request or the database, so the answer is a retryable conflict, not a 503.
    /// </summary>
    internal static bool IsConcurrencyConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Connection refused, reset, timed out, or the server shutting down: the request may succeed later.</summary>
    internal static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                        or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections:
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    private static ProblemDetails Build(int status, string code, string title, string? detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }
}
