using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Inventory.Domain;

/// <summary>
/// One claim on a unit, kept for ever as the unit's history: a hold (for a lead, contact or deal, until it
/// expires), a reservation (for a deal, with the price snapshotted, a deposit and an optional payment plan), the sale,
/// or a block. At most one claim per unit is <see cref="ClaimStatus.Active"/>: the database refuses a second one.
/// </summary>
internal sealed class UnitClaim : ITenantOwned
{
    private UnitClaim()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid UnitId { get; private set; }

    public ClaimKind Kind { get; private set; }

    public ClaimStatus Status { get; private set; }

    public Guid? LeadId { get; private set; }

    public Guid? ContactId { get; private set; }

    public Guid? DealId { get; private set; }

    /// <summary>Holds only.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>The unit's list price when reserved or sold (snapshot).</summary>
    public decimal? Price { get; private set; }

    public string? Currency { get; private set; }

    public decimal? DepositAmount { get; private set; }

    /// <summary>Reservations: the milestones as JSON (validated to sum to 100%).</summary>
    public string? PaymentPlan { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid? CreatedBy { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public Guid? EndedBy { get; private set; }

    public uint Version { get; private set; }

    public static UnitClaim Hold(Unit unit, Guid? leadId, Guid? contactId, Guid? dealId, DateTimeOffset expiresAt, Guid? actor, DateTimeOffset now) =>
        New(unit, ClaimKind.Hold, actor, now, c =>
        {
            (c.LeadId, c.ContactId, c.DealId) = (leadId, contactId, dealId);
            c.ExpiresAt = Timestamps.Stored(expiresAt);
        });

    public static UnitClaim Reserve(Unit unit, Guid dealId, decimal deposit, string? paymentPlan, Guid? actor, DateTimeOffset now) =>
        New(unit, ClaimKind.Reservation, actor, now, c =>
        {
            c.DealId = dealId;
            (c.Price, c.Currency, c.DepositAmount, c.PaymentPlan) = (unit.ListPrice, unit.Currency, deposit, paymentPlan);
        });

    public static UnitClaim Sell(Unit unit, UnitClaim from, Guid? actor, DateTimeOffset now) =>
        New(unit, ClaimKind.Sale, actor, now, c =>
        {
            (c.DealId, c.LeadId, c.ContactId) = (from.DealId, from.LeadId, from.ContactId);
            (c.Price, c.Currency, c.DepositAmount, c.PaymentPlan) = (from.Price ?? unit.ListPrice, from.Currency ?? unit.Currency, from.DepositAmount, from.PaymentPlan);
        });

    public static UnitClaim Block(Unit unit, Guid? actor, DateTimeOffset now) => New(unit, ClaimKind.Block, actor, now, _ => { });

    public bool IsExpired(DateTimeOffset now) => Kind == ClaimKind.Hold && Status == ClaimStatus.Active && ExpiresAt <= now;

    /// <summary>The status as of <paramref name="now"/>: an active hold past its expiry reads as expired.</summary>
    public ClaimStatus EffectiveStatus(DateTimeOffset now) => IsExpired(now) ? ClaimStatus.Expired : Status;

    /// <summary>Ends an active claim with <paramref name="outcome"/>; expiry ends at the expiry time.</summary>
    public void End(ClaimStatus outcome, Guid? actor, DateTimeOffset now)
    {
        if (Status != ClaimStatus.Active || outcome == ClaimStatus.Active)
        {
            throw new InvalidOperationException("Only an active claim ends, and not as active.");
        }

        Status = outcome;
        EndedAt = outcome == ClaimStatus.Expired && ExpiresAt is { } expiry && expiry < now ? expiry : Timestamps.Stored(now);
        EndedBy = actor;
    }

    private static UnitClaim New(Unit unit, ClaimKind kind, Guid? actor, DateTimeOffset now, Action<UnitClaim> fill)
    {
        var claim = new UnitClaim
        {
            Id = Guid.CreateVersion7(),
            UnitId = unit.Id,
            Kind = kind,
            Status = ClaimStatus.Active,
            CreatedAt = Timestamps.Stored(now),
            CreatedBy = actor,
        };
        fill(claim);
        return claim;
    }
}
