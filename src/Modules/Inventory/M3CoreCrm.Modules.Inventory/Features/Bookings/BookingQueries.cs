using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Bookings;

/// <summary>Reads of bookings: a unit's history and reservations, each within the caller's inventory.read scope.</summary>
internal sealed class BookingQueries(InventoryDbContext db, TimeProvider clock, BookingScope scope)
{
    internal static readonly SortCatalog<UnitBooking> Sorts = new(
        SortField<UnitBooking>.For("id", c => c.Id),
        "-createdAt",
        SortField<UnitBooking>.For("createdAt", c => c.CreatedAt));

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IReadOnlyList<BookingResponse>> HistoryAsync(Guid unitId, CancellationToken ct)
    {
        if (!await db.Units.IgnoreQueryFilters([QueryFilters.SoftDelete]).AnyAsync(u => u.Id == unitId, ct))
        {
            throw Problems.NotFound("unit", unitId);
        }

        var now = Now;
        var bookings = await db.Bookings.AsNoTracking().Where(await scope.FilterAsync(InventoryPermissions.Read, ct))
            .Where(c => c.UnitId == unitId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        return bookings.Select(c => BookingResponse.From(c, now)).ToList();
    }

    /// <summary>A reservation the caller's inventory.read scope reaches; 404 otherwise.</summary>
    public async Task<UnitBooking> FindReservationAsync(Guid id, CancellationToken ct) =>
        await db.Bookings.AsNoTracking().Where(await scope.FilterAsync(InventoryPermissions.Read, ct)).FirstOrDefaultAsync(c => c.Id == id && c.Kind == BookingKind.Reservation, ct)
            ?? throw Problems.NotFound("reservation", id);

    public async Task<Page<BookingResponse>> ReservationsAsync(ReservationListQuery filter, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var query = db.Bookings.AsNoTracking().Where(await scope.FilterAsync(InventoryPermissions.Read, ct)).Where(c => c.Kind == BookingKind.Reservation);
        if (filter.UnitId is { } unitId)
        {
            query = query.Where(c => c.UnitId == unitId);
        }

        if (filter.DealId is { } dealId)
        {
            query = query.Where(c => c.DealId == dealId);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        var now = Now;
        return await Keyset.PageAsync(query, sort, page, cursors, c => BookingResponse.From(c, now), ct);
    }
}
