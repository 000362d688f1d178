using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// Before each EF Core command on the kept-open connection, sets the tenant when it is not the one last set there
/// (after the open, or when the tenant is resolved after the first query, as login does). A field comparison on
/// the hot path. The first query of a unit of work outside a transaction carries the tenant with it: one batch of
/// <c>set_config</c> and the query, one round trip instead of two.
/// </summary>
internal sealed class TenantCommandInterceptor : DbCommandInterceptor
{
    /// <summary>Stateless: the session is the one of the context running the command (contexts are pooled).</summary>
    internal static readonly TenantCommandInterceptor Instance = new();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (DbSession.Of(eventData) is not { } session)
        {
            return result;
        }

        var inTransaction = InTransaction(session, command);
        if (session.TenantIsCurrent(inTransaction))
        {
            return result;
        }

        if (inTransaction || command is not NpgsqlCommand query)
        {
            await session.ApplyTenantAsync((NpgsqlConnection)command.Connection!, inTransaction, cancellationToken);
            return result;
        }

        return InterceptionResult<DbDataReader>.SuppressWithResult(await session.ReadWithTenantAsync(query, cancellationToken));
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(command, eventData, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(command, eventData, cancellationToken);
        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Ensure(command, eventData);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Ensure(command, eventData);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Ensure(command, eventData);
        return result;
    }

    private static Task EnsureAsync(DbCommand command, CommandEventData eventData, CancellationToken cancellationToken)
    {
        if (DbSession.Of(eventData) is not { } session)
        {
            return Task.CompletedTask;
        }

        var inTransaction = InTransaction(session, command);
        return session.TenantIsCurrent(inTransaction)
            ? Task.CompletedTask
            : session.ApplyTenantAsync((NpgsqlConnection)command.Connection!, inTransaction, cancellationToken);
    }

    private static void Ensure(DbCommand command, CommandEventData eventData)
    {
        if (DbSession.Of(eventData) is not { } session)
        {
            return;
        }

        var inTransaction = InTransaction(session, command);
        if (!session.TenantIsCurrent(inTransaction))
        {
            session.ApplyTenant((NpgsqlConnection)command.Connection!, inTransaction);
        }
    }

    // Npgsql runs every command of a connection in its open transaction, enlisted or not.
    private static bool InTransaction(DbSession session, DbCommand command) => command.Transaction is not null || session.Transaction is not null;
}
