using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using M3CoreCrm.Modules.Inventory.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Units;

/// <summary>Unit reads: one unit (404 when it does not exist) and the availability search.</summary>
internal sealed class UnitQueries(InventoryDbContext db, TimeProvider clock)
{
    /// <summary>createdAt (newest first by default), code, listPrice, area, floor; the id breaks ties.</summary>
    internal static readonly SortCatalog<Unit> Sorts = new(
        SortField<Unit>.For("id", u => u.Id),
        "-createdAt",
        SortField<Unit>.For("createdAt", u => u.CreatedAt),
        SortField<Unit>.For("code", u => u.Code),
        SortField<Unit>.For("listPrice", u => u.ListPrice),
        SortField<Unit>.For("area", u => u.Area),
        SortField<Unit>.For("floor", u => u.Floor));

    public DateTimeOffset Now => clock.GetUtcNow();

    public Task<Unit> FindAsync(Guid id, CancellationToken ct, bool includeDeleted = false) =>
        db.Units.FindOrNotFoundAsync(id, "unit", includeDeleted, ct);

    public IQueryable<Unit> Filter(IQueryable<Unit> query, UnitListQuery filter)
    {
        var now = Now;
        if (filter.MinArea > filter.MaxArea || filter.MinPrice > filter.MaxPrice || filter.MinBedrooms > filter.MaxBedrooms)
        {
            throw Problems.BadRequest("request.invalid_range", "A range's minimum must not exceed its maximum.");
        }

        if (filter.ProjectId is { } projectId)
        {
            query = query.Where(u => u.ProjectId == projectId);
        }

        if (filter.BuildingId is { } buildingId)
        {
            query = query.Where(u => u.BuildingId == buildingId);
        }

        if (Parse<UnitType>(filter.Type, "type") is { Count: > 0 } types)
        {
            query = query.Where(u => types.Contains(u.Type));
        }

        if (filter.Bedrooms is { } bedrooms)
        {
            query = query.Where(u => u.Bedrooms == bedrooms);
        }

        if (filter.MinBedrooms is { } minBedrooms)
        {
            query = query.Where(u => u.Bedrooms >= minBedrooms);
        }

        if (filter.MaxBedrooms is { } maxBedrooms)
        {
            query = query.Where(u => u.Bedrooms <= maxBedrooms);
        }

        if (filter.MinArea is { } minArea)
        {
            query = query.Where(u => u.Area >= minArea);
        }

        if (filter.MaxArea is { } maxArea)
        {
            query = query.Where(u => u.Area <= maxArea);
        }

        if (filter.MinPrice is { } minPrice)
        {
            query = query.Where(u => u.ListPrice >= minPrice);
        }

        if (filter.MaxPrice is { } maxPrice)
        {
            query = query.Where(u => u.ListPrice <= maxPrice);
        }

        if (filter.Floor is { } floor)
        {
            query = query.Where(u => u.Floor == floor);
        }

        if (!string.IsNullOrWhiteSpace(filter.View))
        {
            var view = LikePattern.Literal(filter.View.Trim());
            query = query.Where(u => u.View != null && EF.Functions.ILike(u.View, view, "\\"));
        }

        if (Parse<UnitStatus>(filter.Status, "status") is { Count: > 0 } statuses)
        {
            // As of now: a hold past its expiry is available, not held (the expiry job may not have run yet).
            var available = statuses.Contains(UnitStatus.Available);
            var held = statuses.Contains(UnitStatus.Held);
            var others = statuses.Where(s => s is not (UnitStatus.Available or UnitStatus.Held)).ToList();
            query = query.Where(u => others.Contains(u.Status)
                || (available && (u.Status == UnitStatus.Available || (u.Status == UnitStatus.Held && u.HoldExpiresAt <= now)))
                || (held && u.Status == UnitStatus.Held && u.HoldExpiresAt > now));
        }

        return query;
    }

    public async Task<Page<UnitResponse>> ListAsync(UnitListQuery filter, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var now = Now;
        return await Keyset.PageAsync(Filter(db.Units.AsNoTracking(), filter), sort, page, cursors, u => UnitResponse.From(u, now), ct);
    }

    private static List<T> Parse<T>(string? value, string field)
        where T : struct, Enum
    {
        var names = Enum.GetValues<T>().ToDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);
        var list = new List<T>();
        foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            list.Add(names.TryGetValue(part, out var parsed)
                ? parsed
                : throw InventoryRules.Field(field, $"{field} is one or more of {string.Join(", ", names.Keys)}."));
        }

        return list;
    }
}
