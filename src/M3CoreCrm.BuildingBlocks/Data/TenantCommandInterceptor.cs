using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// Before each EF Core command on the kept-open connection, sets the tenant again when it is not the one last set
/// there (the tenant may be resolved after the first query, as login does). A field comparison on the hot path.
/// </summary>
internal sealed class TenantCommandInterceptor(DbSession session) : DbCommandInterceptor
{
    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(command, cancellationToken);
        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Ensure(command);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Ensure(command);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Ensure(command);
        return result;
    }

    private Task EnsureAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var inTransaction = InTransaction(command);
        return session.TenantIsCurrent(inTransaction)
            ? Task.CompletedTask
            : session.ApplyTenantAsync((NpgsqlConnection)command.Connection!, inTransaction, cancellationToken);
    }

    private void Ensure(DbCommand command)
    {
        var inTransaction = InTransaction(command);
        if (!session.TenantIsCurrent(inTransaction))
        {
            session.ApplyTenant((NpgsqlConnection)command.Connection!, inTransaction);
        }
    }

    // Npgsql runs every command of a connection in its open transaction, enlisted or not.
    private bool InTransaction(DbCommand command) => command.Transaction is not null || session.Transaction is not null;
}
