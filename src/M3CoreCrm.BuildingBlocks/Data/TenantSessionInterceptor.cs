using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>Sets the tenant on the shared connection each time EF Core opens it.</summary>
internal sealed class TenantSessionInterceptor(DbSession session) : DbConnectionInterceptor
{
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        TenantSession.ApplyAsync((NpgsqlConnection)connection, session.TenantId, cancellationToken);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        TenantSession.Apply((NpgsqlConnection)connection, session.TenantId);
}
