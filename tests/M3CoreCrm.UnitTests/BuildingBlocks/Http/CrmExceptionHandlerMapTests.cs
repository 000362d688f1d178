using System.Net.Sockets;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Http;

public sealed class CrmExceptionHandlerMapTests
{
    private static string? CodeOf(ProblemDetails problem) => problem.Extensions["code"] as string;

    [Fact]
    public void An_api_problem_keeps_its_status_code_title_detail_extensions_and_retry_after()
    {
        var existing = Guid.CreateVersion7();
        var exception = new ApiProblemException(409, "lead.duplicate_email", "Conflict", "A lead with this email exists.",
            new Dictionary<string, object?> { ["existingId"] = existing }) { RetryAfterSeconds = 3 };

        var (problem, retryAfter) = CrmExceptionHandler.Map(exception);

        Assert.Equal(409, problem.Status);
        Assert.Equal("lead.duplicate_email", CodeOf(problem));
        Assert.Equal("Conflict", problem.Title);
        Assert.Equal("A lead with this email exists.", problem.Detail);
        Assert.Equal(existing, problem.Extensions["existingId"]);
        Assert.Equal(3, retryAfter);
    }

    [Theory]
    [InlineData(413, "request.body_too_large")]
    [InlineData(415, "request.unsupported_media_type")]
    [InlineData(400, "request.invalid")]
    public void Bad_requests_from_the_framework_keep_their_status_with_a_code(int status, string code)
    {
        var (problem, retryAfter) = CrmExceptionHandler.Map(new BadHttpRequestException("framework message", status));

        Assert.Equal(status, problem.Status);
        Assert.Equal(code, CodeOf(problem));
        Assert.Null(retryAfter);
    }

    [Fact]
    public void Invalid_json_in_the_body_names_where_it_broke()
    {
        var json = new JsonException("The JSON value could not be converted.", "$.budget.min", 1, 20);

        var (problem, _) = CrmExceptionHandler.Map(new BadHttpRequestException("Failed to read the body.", 400, json));

        Assert.Equal("request.invalid", CodeOf(problem));
        Assert.Contains("$.budget.min", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unexpected_exception_is_a_500_that_reveals_nothing()
    {
        const string secret = "relation \"identity.users\" SELECT password_hash FROM";

        var (problem, retryAfter) = CrmExceptionHandler.Map(new InvalidOperationException(secret, new ArgumentException("inner detail")));

        Assert.Equal(500, problem.Status);
        Assert.Equal("server.error", CodeOf(problem));
        Assert.DoesNotContain("password_hash", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("inner detail", problem.Detail, StringComparison.Ordinal);
        Assert.Null(retryAfter);
    }

    [Fact]
    public void A_concurrency_conflict_on_save_is_a_412()
    {
        var (problem, _) = CrmExceptionHandler.Map(new DbUpdateConcurrencyException("stale row"));

        Assert.Equal(412, problem.Status);
        Assert.Equal("request.precondition_failed", CodeOf(problem));
    }

    [Fact]
    public void A_unique_violation_on_save_is_a_409()
    {
        var unique = new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation);

        var (problem, _) = CrmExceptionHandler.Map(new DbUpdateException("save failed", unique));

        Assert.Equal(409, problem.Status);
        Assert.Equal("request.conflict", CodeOf(problem));
        Assert.DoesNotContain("duplicate key", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.DeadlockDetected, true)]
    [InlineData(PostgresErrorCodes.SerializationFailure, true)]
    [InlineData(PostgresErrorCodes.DeadlockDetected, false)]
    public void A_deadlock_or_serialization_failure_is_a_retryable_409(string sqlState, bool wrappedBySave)
    {
        var conflict = new PostgresException("deadlock detected", "ERROR", "ERROR", sqlState);
        Exception thrown = wrappedBySave ? new DbUpdateException("save failed", conflict) : conflict;

        var (problem, retryAfter) = CrmExceptionHandler.Map(thrown);

        Assert.Equal(409, problem.Status);
        Assert.Equal("request.concurrency_conflict", CodeOf(problem));
        Assert.Equal(1, retryAfter);
        Assert.DoesNotContain("deadlock", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_database_connection_is_a_503_with_retry_after()
    {
        var lost = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));

        var (problem, retryAfter) = CrmExceptionHandler.Map(lost);

        Assert.Equal(503, problem.Status);
        Assert.Equal("service.unavailable", CodeOf(problem));
        Assert.Equal(5, retryAfter);
    }

    [Fact]
    public void A_lost_database_deep_inside_other_exceptions_is_still_a_503()
    {
        var lost = new NpgsqlException("Exception while reading from stream", new IOException("connection reset"));

        var (problem, _) = CrmExceptionHandler.Map(new DbUpdateException("save failed", new InvalidOperationException("wrapped", lost)));

        Assert.Equal(503, problem.Status);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown)]
    [InlineData(PostgresErrorCodes.CannotConnectNow)]
    [InlineData(PostgresErrorCodes.TooManyConnections)]
    [InlineData(PostgresErrorCodes.ConnectionFailure)]
    public void Server_side_unavailability_is_a_503(string sqlState)
    {
        var (problem, retryAfter) = CrmExceptionHandler.Map(new PostgresException("unavailable", "FATAL", "FATAL", sqlState));

        Assert.Equal(503, problem.Status);
        Assert.Equal(5, retryAfter);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.UndefinedTable)]
    [InlineData(PostgresErrorCodes.SyntaxError)]
    [InlineData(PostgresErrorCodes.InsufficientPrivilege)]
    public void Programming_errors_in_sql_are_a_500(string sqlState)
    {
        var (problem, _) = CrmExceptionHandler.Map(new PostgresException("select secret", "ERROR", "ERROR", sqlState));

        Assert.Equal(500, problem.Status);
        Assert.DoesNotContain("secret", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void IsDatabaseUnavailable_ignores_unrelated_exceptions()
    {
        Assert.False(CrmExceptionHandler.IsDatabaseUnavailable(new InvalidOperationException("x", new ArgumentException("y"))));
        Assert.True(CrmExceptionHandler.IsDatabaseUnavailable(new InvalidOperationException("x", new TimeoutException())));
    }
}
