using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Bookings;

/// <summary>How a booking write meets a rival: as 409 <c>unit.unavailable</c>, whether the database or the row version caught it.</summary>
internal static class BookingSaves
{
    /// <summary>Saves; a second active booking (the partial unique index) or a concurrent change of the unit or booking gives 409.</summary>
    internal static async Task SaveAsync(InventoryDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Unavailable("The unit changed while this request ran; read it again.");
        }
        catch (DbUpdateException ex) when (InventoryRules.IsUniqueViolation(ex, InventoryDbContext.ActiveBookingIndex))
        {
            throw Unavailable("Another booking on the unit was made first.");
        }
    }

    internal static ApiProblemException Unavailable(string detail, string? status = null) =>
        Problems.Conflict("unit.unavailable", detail, status is null ? null : new Dictionary<string, object?> { ["unitStatus"] = status });
}
