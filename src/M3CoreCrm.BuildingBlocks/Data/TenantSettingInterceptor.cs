using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// Keeps the unit of work's shared connection open from EF Core's first use to the end of the scope: the tenant is
/// set once per unit of work (by <see cref="TenantCommandInterceptor"/> with the first command) instead of a pool
/// round trip plus <c>set_config</c> per query. <see cref="UnitOfWork"/> closes it (returning it to the pool) when
/// the scope ends.
/// </summary>
internal sealed class TenantSettingInterceptor : DbConnectionInterceptor
{
    /// <summary>Stateless: the unit of work is the one of the context raising the event (contexts are pooled).</summary>
    internal static readonly TenantSettingInterceptor Instance = new();

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        UnitOfWork.Of(eventData)?.TenantCleared();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(ConnectionClosing(connection, eventData, result));

    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        UnitOfWork.Of(eventData) is null ? result : InterceptionResult.Suppress();
}
