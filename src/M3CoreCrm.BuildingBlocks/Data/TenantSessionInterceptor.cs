using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// Keeps the unit of work's shared connection open from EF Core's first use to the end of the scope: the tenant is
/// set once on the open instead of a pool round trip plus <c>set_config</c> per query. <see cref="DbSession"/>
/// closes it (returning it to the pool) when the scope ends.
/// </summary>
internal sealed class TenantSessionInterceptor(DbSession session) : DbConnectionInterceptor
{
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        session.ApplyTenantAsync((NpgsqlConnection)connection, inTransaction: false, cancellationToken);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        session.ApplyTenant((NpgsqlConnection)connection, inTransaction: false);

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();
}
