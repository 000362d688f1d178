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
    /// <summary>Stateless: the unitOfWork is the one of the context running the command (contexts are pooled).</summary>
    internal static readonly TenantCommandInterceptor Instance = new();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (UnitOfWork.Of(eventData) is not { } unitOfWork)
        {
            return result;
        }

        var inTransaction = InTransaction(unitOfWork, command);
        if (unitOfWork.TenantIsCurrent(inTransaction))
        {
            return result;
        }

        if (inTransaction || command is not NpgsqlCommand query)
        {
            await unitOfWork.ApplyTenantAsync((NpgsqlConnection)command.Connection!, inTransaction, cancellationToken);
            return result;
        }

        return InterceptionResult<DbDataReader>.SuppressWithResult(await unitOfWork.ReadWithTenantAsync(query, cancellationToken));
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
        if (UnitOfWork.Of(eventData) is not { } unitOfWork)
        {
            return Task.CompletedTask;
        }

        var inTransaction = InTransaction(unitOfWork, command);
        return unitOfWork.TenantIsCurrent(inTransaction)
            ? Task.CompletedTask
            : unitOfWork.ApplyTenantAsync((NpgsqlConnection)command.Connection!, inTransaction, cancellationToken);
    }

    private static void Ensure(DbCommand command, CommandEventData eventData)
    {
        if (UnitOfWork.Of(eventData) is not { } unitOfWork)
        {
            return;
        }

        var inTransaction = InTransaction(unitOfWork, command);
        if (!unitOfWork.TenantIsCurrent(inTransaction))
        {
            unitOfWork.ApplyTenant((NpgsqlConnection)command.Connection!, inTransaction);
        }
    }

    // Npgsql runs every command of a connection in its open transaction, enlisted or not.
    private static bool InTransaction(UnitOfWork unitOfWork, DbCommand command) => command.Transaction is not null || unitOfWork.Transaction is not null;
}
