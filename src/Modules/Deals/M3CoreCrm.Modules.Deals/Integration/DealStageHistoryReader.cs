using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Deals;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Deals.Integration;

/// <summary>
/// A deal's stage history for the record timeline. The deal must be one the caller may read under deals.read (the
/// same owner scope and pipeline visibility as GET /deals/{id}); then one bounded scan of the
/// (tenant_id, deal_id, at, id) index from the cursor, newest first.
/// </summary>
internal sealed class DealStageHistoryReader(DealsDbContext db, DealQueries deals, AccessScope access) : IDealStageHistory
{
    private static readonly SortCatalog<DealStageChange> Order = new(
        SortField<DealStageChange>.For("id", h => h.Id), "-at", SortField<DealStageChange>.For("at", h => h.At));

    public async Task<IReadOnlyList<DealStageMove>> PageAsync(Guid dealId, DealStageMoveKey? before, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if ((await access.PermissionsAsync(cancellationToken)).ScopeOf(DealsPermissions.DealsRead) is null
            || !await (await deals.VisibleAsync(DealsPermissions.DealsRead, cancellationToken)).AnyAsync(d => d.Id == dealId, cancellationToken))
        {
            return [];
        }

        var sort = Order.Parse(null);
        IReadOnlyList<JsonElement>? after = before is { } key ? [JsonSerializer.SerializeToElement(key.At), JsonSerializer.SerializeToElement(key.Id)] : null;
        var query = db.StageHistory.AsNoTracking().Where(h => h.DealId == dealId);
        var rows = await Keyset.TakeAtLeast(Keyset.Order(Keyset.After(query, sort, after), sort), limit).ToListAsync(cancellationToken);
        return rows.Take(limit).Select(h => new DealStageMove(
            h.Id,
            h.DealId,
            JsonNamingPolicy.CamelCase.ConvertName(h.Action.ToString()),
            h.FromPipelineId,
            h.FromStageId,
            h.FromStageName,
            h.ToPipelineId,
            h.ToStageId,
            h.ToStageName,
            h.At,
            h.ChangedBy,
            h.Reason)).ToList();
    }
}
