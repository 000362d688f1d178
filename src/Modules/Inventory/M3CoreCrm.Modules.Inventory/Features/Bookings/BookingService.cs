using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.Modules.Inventory.Authorization;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using M3CoreCrm.Modules.Inventory.Features;
using M3CoreCrm.Modules.Leads.Contracts;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Claims;

/// <summary>
/// The claim workflow: every change of a unit's status is a claim row (inserted or ended) and the unit's status,
/// saved in one transaction. A new active claim is inserted before the unit is updated, so of concurrent claimants
/// the partial unique index lets exactly one through; the others get 409 <c>unit.unavailable</c>. An active hold
/// past its expiry is ended as expired before a new claim is made (the job may not have run yet).
/// </summary>
internal sealed class ClaimService(
    InventoryDbContext db,
    UnitOfWork session,
    TimeProvider clock,
    ICurrentActor actor,
    ClaimScope scope,
    IDealDirectory deals,
    ILeadDirectory leads,
    IContactDirectory contacts)
{
    internal static readonly SortCatalog<UnitClaim> Sorts = new(
        SortField<UnitClaim>.For("id", c => c.Id),
        "-createdAt",
        SortField<UnitClaim>.For("createdAt", c => c.CreatedAt));

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<UnitClaim> HoldAsync(Guid unitId, HoldUnitRequest request, ClaimWriteOptions options, CancellationToken ct)
    {
        await CheckReferencesAsync(request.LeadId, request.ContactId, request.DealId, options, ct);
        var now = Now;
        return await ClaimAsync(unitId, (unit, active) =>
        {
            EnsureFree(unit, active);
            return Task.FromResult(UnitClaim.Hold(unit, request.LeadId, request.ContactId, request.DealId, now.AddHours(request.Hours ?? HoldRules.DefaultHours), actor.Id, now));
        }, ct);
    }

    public async Task<UnitClaim> BlockAsync(Guid unitId, CancellationToken ct) =>
        await ClaimAsync(unitId, (unit, active) =>
        {
            EnsureFree(unit, active);
            return Task.FromResult(UnitClaim.Block(unit, actor.Id, Now));
        }, ct);

    /// <summary>
    /// Reserves a unit for a deal: the unit must be available, or held for that deal or for a lead or contact (the
    /// hold becomes the reservation: "converted") when the caller's inventory.hold scope reaches that hold. A hold for
    /// another deal or outside that scope, a reservation, a sale or a block: 409.
    /// </summary>
    public async Task<UnitClaim> ReserveAsync(ReserveUnitRequest request, ClaimWriteOptions options, CancellationToken ct)
    {
        await CheckReferencesAsync(null, null, request.DealId, options, ct);
        var plan = PaymentPlans.Write(request.PaymentPlan);
        return await ClaimAsync(request.UnitId, async (unit, active) =>
        {
            if (active is { Kind: ClaimKind.Hold } hold && (hold.DealId is null || hold.DealId == request.DealId)
                && (!options.ApplyCallerScope || await scope.CoversAsync(InventoryPermissions.Hold, hold, ct)))
            {
                hold.End(ClaimStatus.Converted, actor.Id, Now);
            }
            else
            {
                EnsureFree(unit, active);
            }

            if (request.DepositAmount > unit.ListPrice)
            {
                throw InventoryRules.Field("depositAmount", $"The deposit exceeds the unit's price ({unit.ListPrice} {unit.Currency}).");
            }

            return UnitClaim.Reserve(unit, request.DealId, request.DepositAmount, plan, actor.Id, Now);
        }, ct, unitField: "unitId");
    }

    /// <summary>
    /// Releases the unit's active hold, when the caller's inventory.hold scope reaches it (403 otherwise: the unit and
    /// its status are visible, the hold is someone else's); a reservation is cancelled instead, a block unblocked.
    /// </summary>
    public async Task<Unit> ReleaseAsync(Guid unitId, CancellationToken ct) =>
        await EndAsync(unitId, async active => active switch
        {
            { Kind: ClaimKind.Hold } hold => await scope.CoversAsync(InventoryPermissions.Hold, hold, ct)
                ? ClaimStatus.Released
                : throw Problems.Forbidden("inventory.hold_out_of_scope", "The unit's hold is outside your 'inventory.hold' scope: it is neither yours nor on a deal or lead you own."),
            { Kind: ClaimKind.Reservation } => throw Problems.Conflict("unit.reserved", "The unit is reserved; cancel the reservation to release it."),
            { Kind: ClaimKind.Sale } => throw Problems.Conflict("unit.sold", "The unit is sold."),
            { Kind: ClaimKind.Block } => throw Problems.Conflict("unit.blocked", "The unit is blocked; unblock it instead."),
            _ => throw Problems.Conflict("unit.not_held", "The unit is not held."),
        }, ct);

    public async Task<Unit> UnblockAsync(Guid unitId, CancellationToken ct) =>
        await EndAsync(unitId, active => Task.FromResult(active is { Kind: ClaimKind.Block }
            ? ClaimStatus.Released
            : throw Problems.Conflict("unit.not_blocked", "The unit is not blocked.")), ct);

    /// <summary>Cancels an active reservation the caller's inventory.reserve scope reaches; one outside it is not found.</summary>
    public async Task<UnitClaim> CancelReservationAsync(Guid reservationId, CancellationToken ct)
    {
        var reservation = await db.Claims.AsNoTracking().Where(await scope.FilterAsync(InventoryPermissions.Reserve, ct))
            .FirstOrDefaultAsync(c => c.Id == reservationId && c.Kind == ClaimKind.Reservation, ct)
            ?? throw Problems.NotFound("reservation", reservationId);
        UnitClaim? ended = null;
        await EndAsync(reservation.UnitId, active =>
        {
            if (active?.Id != reservationId)
            {
                throw Problems.Conflict("reservation.not_active", $"The reservation is {reservation.Status.ToString().ToLowerInvariant()}; only an active one is cancelled.");
            }

            ended = active;
            return Task.FromResult(ClaimStatus.Cancelled);
        }, ct);
        return ended!;
    }

    /// <summary>DealWon, in the deal's transaction: the deal's reservations and holds become sales.</summary>
    public async Task SellForDealAsync(Guid dealId, CancellationToken ct)
    {
        var now = Now;
        var claims = await db.Claims.Where(c => c.DealId == dealId && c.Status == ClaimStatus.Active
            && (c.Kind == ClaimKind.Reservation || c.Kind == ClaimKind.Hold)).ToListAsync(ct);
        foreach (var claim in claims)
        {
            var unit = await db.Units.IgnoreQueryFilters([QueryFilters.SoftDelete]).FirstAsync(u => u.Id == claim.UnitId, ct);
            claim.End(claim.Kind == ClaimKind.Reservation ? ClaimStatus.Completed : ClaimStatus.Converted, actor.Id, now);
            await SaveAsync(ct);
            var sale = UnitClaim.Sell(unit, claim, actor.Id, now);
            db.Claims.Add(sale);
            await SaveAsync(ct);
            unit.Claimed(sale, now);
            await SaveAsync(ct);
        }
    }

    /// <summary>DealLost, in the deal's transaction: the deal's holds are released and its reservations cancelled.</summary>
    public async Task ReleaseForDealAsync(Guid dealId, CancellationToken ct)
    {
        var now = Now;
        var claims = await db.Claims.Where(c => c.DealId == dealId && c.Status == ClaimStatus.Active
            && (c.Kind == ClaimKind.Reservation || c.Kind == ClaimKind.Hold)).ToListAsync(ct);
        foreach (var claim in claims)
        {
            var unit = await db.Units.IgnoreQueryFilters([QueryFilters.SoftDelete]).FirstAsync(u => u.Id == claim.UnitId, ct);
            claim.End(claim.Kind == ClaimKind.Reservation ? ClaimStatus.Cancelled : ClaimStatus.Released, actor.Id, now);
            unit.Freed(now);
        }

        await SaveAsync(ct);
    }

    /// <summary>Ends the current tenant's active holds whose time is up (the expiry job's unit of work); returns how many.</summary>
    public async Task<int> ExpireHoldsAsync(CancellationToken ct)
    {
        var now = Now;
        return await session.InTransactionAsync(async token =>
        {
            var holds = await db.Claims.Where(c => c.Kind == ClaimKind.Hold && c.Status == ClaimStatus.Active && c.ExpiresAt <= now)
                .OrderBy(c => c.ExpiresAt).Take(500).ToListAsync(token);
            if (holds.Count == 0)
            {
                return 0;
            }

            var unitIds = holds.Select(h => h.UnitId).ToList();
            var units = await db.Units.IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(u => unitIds.Contains(u.Id)).ToListAsync(token);
            foreach (var hold in holds)
            {
                hold.End(ClaimStatus.Expired, null, now);
                if (units.FirstOrDefault(u => u.Id == hold.UnitId) is { Status: UnitStatus.Held } unit)
                {
                    unit.Freed(now);
                }
            }

            await db.SaveChangesAsync(token);
            return holds.Count;
        }, ct);
    }

    public async Task<IReadOnlyList<ClaimResponse>> HistoryAsync(Guid unitId, CancellationToken ct)
    {
        if (!await db.Units.IgnoreQueryFilters([QueryFilters.SoftDelete]).AnyAsync(u => u.Id == unitId, ct))
        {
            throw Problems.NotFound("unit", unitId);
        }

        var now = Now;
        var claims = await db.Claims.AsNoTracking().Where(await scope.FilterAsync(InventoryPermissions.Read, ct))
            .Where(c => c.UnitId == unitId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        return claims.Select(c => ClaimResponse.From(c, now)).ToList();
    }

    /// <summary>A reservation the caller's inventory.read scope reaches; 404 otherwise.</summary>
    public async Task<UnitClaim> FindReservationAsync(Guid id, CancellationToken ct) =>
        await db.Claims.AsNoTracking().Where(await scope.FilterAsync(InventoryPermissions.Read, ct)).FirstOrDefaultAsync(c => c.Id == id && c.Kind == ClaimKind.Reservation, ct)
            ?? throw Problems.NotFound("reservation", id);

    public async Task<Page<ClaimResponse>> ReservationsAsync(ReservationListQuery filter, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var query = db.Claims.AsNoTracking().Where(await scope.FilterAsync(InventoryPermissions.Read, ct)).Where(c => c.Kind == ClaimKind.Reservation);
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
        return await Keyset.PageAsync(query, sort, page, cursors, c => ClaimResponse.From(c, now), ct);
    }

    private static void EnsureFree(Unit unit, UnitClaim? active)
    {
        if (active is not null || unit.Status != UnitStatus.Available)
        {
            var status = active?.Kind switch
            {
                ClaimKind.Hold => "held",
                ClaimKind.Reservation => "reserved",
                ClaimKind.Sale => "sold",
                ClaimKind.Block => "blocked",
                _ => unit.Status.ToString().ToLowerInvariant(),
            };
            throw Unavailable($"The unit is {status}.", status);
        }
    }

    private static ApiProblemException Unavailable(string detail, string? status = null) =>
        Problems.Conflict("unit.unavailable", detail, status is null ? null : new Dictionary<string, object?> { ["unitStatus"] = status });

    /// <summary>
    /// In one transaction: the unit (404), its active claim (ended as expired when its time is up), the new claim
    /// from <paramref name="make"/> (which may end the active one), then the unit's status.
    /// </summary>
    private async Task<UnitClaim> ClaimAsync(Guid unitId, Func<Unit, UnitClaim?, Task<UnitClaim>> make, CancellationToken ct, string? unitField = null) =>
        await session.InTransactionAsync(async token =>
        {
            var now = Now;
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, token)
                ?? throw (unitField is null ? Problems.NotFound("unit", unitId) : InventoryRules.Field(unitField, $"No unit {unitId} exists."));
            var active = await db.Claims.FirstOrDefaultAsync(c => c.UnitId == unitId && c.Status == ClaimStatus.Active, token);
            if (active is not null && active.IsExpired(now))
            {
                active.End(ClaimStatus.Expired, null, now);
                unit.Freed(now);
                await SaveAsync(token);
                active = null;
            }

            var claim = await make(unit, active);
            await SaveAsync(token); // an active claim the new one replaces ends first: the unique index sees one at a time
            db.Claims.Add(claim);
            await SaveAsync(token);
            unit.Claimed(claim, now);
            await SaveAsync(token);
            return claim;
        }, ct);

    /// <summary>In one transaction: ends the unit's active claim with the outcome <paramref name="decide"/> gives, and frees the unit.</summary>
    private async Task<Unit> EndAsync(Guid unitId, Func<UnitClaim?, Task<ClaimStatus>> decide, CancellationToken ct) =>
        await session.InTransactionAsync(async token =>
        {
            var now = Now;
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, token) ?? throw Problems.NotFound("unit", unitId);
            var active = await db.Claims.FirstOrDefaultAsync(c => c.UnitId == unitId && c.Status == ClaimStatus.Active, token);
            var outcome = await decide(active is not null && active.IsExpired(now) ? null : active);
            active!.End(outcome, actor.Id, now);
            unit.Freed(now);
            await SaveAsync(token);
            return unit;
        }, ct);

    /// <summary>Saves; a second active claim (the partial unique index) or a concurrent change of the unit or claim gives 409.</summary>
    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Unavailable("The unit changed while this request ran; read it again.");
        }
        catch (DbUpdateException ex) when (InventoryRules.IsUniqueViolation(ex, InventoryDbContext.ActiveClaimIndex))
        {
            throw Unavailable("Another claim on the unit was made first.");
        }
    }

    /// <summary>
    /// The lead, contact or deal must exist in the tenant and, for an API caller, be visible to them: one they cannot
    /// see gets the very answer of a missing one, so ids cannot be probed.
    /// </summary>
    private async Task CheckReferencesAsync(Guid? leadId, Guid? contactId, Guid? dealId, ClaimWriteOptions options, CancellationToken ct)
    {
        var visible = options.ApplyCallerScope;
        if (dealId is { } deal && !(visible ? await deals.VisibleAsync([deal], ct) : await deals.ExistingAsync([deal], ct)).Contains(deal))
        {
            throw InventoryRules.Field("dealId", $"No deal {deal} exists.");
        }

        if (leadId is { } lead && !(visible ? await leads.VisibleAsync([lead], ct) : await leads.ExistingAsync([lead], ct)).Contains(lead))
        {
            throw InventoryRules.Field("leadId", $"No lead {lead} exists.");
        }

        if (contactId is { } contact
            && !(visible ? await contacts.VisibleContactsAsync([contact], ct) : await contacts.ExistingContactsAsync([contact], ct)).Contains(contact))
        {
            throw InventoryRules.Field("contactId", $"No contact {contact} exists.");
        }
    }
}
