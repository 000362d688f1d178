using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Stats;

/// <summary>Counts and list value of live units by status (as of now) per project, building and currency: one SQL GROUP BY.</summary>
internal sealed class StatsQueries(InventoryDbContext db, TimeProvider clock)
{
    public async Task<InventoryStatsResponse> GetAsync(StatsQuery filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var units = db.Units.AsNoTracking();
        if (filter.ProjectId is { } projectId)
        {
            units = units.Where(u => u.ProjectId == projectId);
        }

        if (filter.BuildingId is { } buildingId)
        {
            units = units.Where(u => u.BuildingId == buildingId);
        }

        var groups = await units
            .GroupBy(u => new
            {
                u.ProjectId,
                u.BuildingId,
                Status = u.Status == UnitStatus.Held && u.HoldExpiresAt <= now ? UnitStatus.Available : u.Status,
                u.Currency,
            })
            .Select(g => new { g.Key.ProjectId, g.Key.BuildingId, g.Key.Status, g.Key.Currency, Units = g.Count(), ListValue = g.Sum(u => u.ListPrice) })
            .ToListAsync(ct);

        var projectIds = groups.Select(g => g.ProjectId).Distinct().ToList();
        var buildingIds = groups.Select(g => g.BuildingId).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var buildings = await db.Buildings.AsNoTracking().Where(b => buildingIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var rows = groups
            .Select(g => new InventoryStatsRow(g.ProjectId, projects.GetValueOrDefault(g.ProjectId), g.BuildingId, buildings.GetValueOrDefault(g.BuildingId),
                g.Status, g.Currency, g.Units, g.ListValue))
            .OrderBy(r => r.ProjectName, StringComparer.Ordinal).ThenBy(r => r.ProjectId)
            .ThenBy(r => r.BuildingName, StringComparer.Ordinal).ThenBy(r => r.BuildingId)
            .ThenBy(r => r.Status).ThenBy(r => r.Currency, StringComparer.Ordinal)
            .ToList();
        return new InventoryStatsResponse(rows);
    }
}
