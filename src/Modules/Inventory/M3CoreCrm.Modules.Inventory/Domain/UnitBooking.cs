using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Inventory.Domain;

/// <summary>
/// One booking on a unit, kept for ever as the unit's history: a hold (for a lead, contact or deal, until it
/// expires), a reservation (for a deal, with the price snapshotted, a deposit and an optional payment plan), the sale,
/// or a block. At most one booking per unit is <see cref="BookingStatus.Active"/>: the database refuses a second one.
/// </summary>
internal sealed class UnitBooking : ITenantOwned
{
    private UnitBooking()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid UnitId { get; private set; }

    public BookingKind Kind { get; private set; }

    public BookingStatus Status { get; private set; }

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

    public static UnitBooking Hold(Unit unit, Guid? leadId, Guid? contactId, Guid? dealId, DateTimeOffset expiresAt, Guid? actor, DateTimeOffset now) =>
        New(unit, BookingKind.Hold, actor, now, c =>
        {
            (c.LeadId, c.ContactId, c.DealId) = (leadId, contactId, dealId);
            c.ExpiresAt = Timestamps.Stored(expiresAt);
        });

    public static UnitBooking Reserve(Unit unit, Guid dealId, decimal deposit, string? paymentPlan, Guid? actor, DateTimeOffset now) =>
        New(unit, BookingKind.Reservation, actor, now, c =>
        {
            c.DealId = dealId;
            (c.Price, c.Currency, c.DepositAmount, c.PaymentPlan) = (unit.ListPrice, unit.Currency, deposit, paymentPlan);
        });

    public static UnitBooking Sell(Unit unit, UnitBooking from, Guid? actor, DateTimeOffset now) =>
        New(unit, BookingKind.Sale, actor, now, c =>
        {
            (c.DealId, c.LeadId, c.ContactId) = (from.DealId, from.LeadId, from.ContactId);
            (c.Price, c.Currency, c.DepositAmount, c.PaymentPlan) = (from.Price ?? unit.ListPrice, from.Currency ?? unit.Currency, from.DepositAmount, from.PaymentPlan);
        });

    /// <summary>
    /// The hold or reservation <paramref name="ended"/> again, on its terms (a reopened deal): a reservation keeps its
    /// snapshotted price, deposit and plan; a hold runs for <paramref name="holdFor"/> from now.
    /// </summary>
    public static UnitBooking Reinstate(Unit unit, UnitBooking ended, TimeSpan holdFor, Guid? actor, DateTimeOffset now) =>
        New(unit, ended.Kind, actor, now, c =>
        {
            (c.DealId, c.LeadId, c.ContactId) = (ended.DealId, ended.LeadId, ended.ContactId);
            (c.Price, c.Currency, c.DepositAmount, c.PaymentPlan) = (ended.Price, ended.Currency, ended.DepositAmount, ended.PaymentPlan);
            c.ExpiresAt = ended.Kind == BookingKind.Hold ? Timestamps.Stored(now + holdFor) : null;
        });

    /// <summary>How long a hold ran from its start to its expiry.</summary>
    public TimeSpan HeldFor => ExpiresAt is { } expiry ? expiry - CreatedAt : TimeSpan.Zero;

    public static UnitBooking Block(Unit unit, Guid? actor, DateTimeOffset now) => New(unit, BookingKind.Block, actor, now, _ => { });

    /// <summary>New terms of an active reservation (a negotiated price, another deposit or payment plan).</summary>
    public void Amend(decimal price, decimal deposit, string? paymentPlan)
    {
        if (Kind != BookingKind.Reservation || Status != BookingStatus.Active)
        {
            throw new InvalidOperationException("Only an active reservation is amended.");
        }

        (Price, DepositAmount, PaymentPlan) = (price, deposit, paymentPlan);
    }

    public bool IsExpired(DateTimeOffset now) => Kind == BookingKind.Hold && Status == BookingStatus.Active && ExpiresAt <= now;

    /// <summary>The status as of <paramref name="now"/>: an active hold past its expiry reads as expired.</summary>
    public BookingStatus EffectiveStatus(DateTimeOffset now) => IsExpired(now) ? BookingStatus.Expired : Status;

    /// <summary>Ends an active booking with <paramref name="outcome"/>; expiry ends at the expiry time.</summary>
    public void End(BookingStatus outcome, Guid? actor, DateTimeOffset now)
    {
        if (Status != BookingStatus.Active || outcome == BookingStatus.Active)
        {
            throw new InvalidOperationException("Only an active booking ends, and not as active.");
        }

        Status = outcome;
        EndedAt = outcome == BookingStatus.Expired && ExpiresAt is { } expiry && expiry < now ? expiry : Timestamps.Stored(now);
        EndedBy = actor;
    }

    private static UnitBooking New(Unit unit, BookingKind kind, Guid? actor, DateTimeOffset now, Action<UnitBooking> fill)
    {
        var booking = new UnitBooking
        {
            Id = Guid.CreateVersion7(),
            UnitId = unit.Id,
            Kind = kind,
            Status = BookingStatus.Active,
            CreatedAt = Timestamps.Stored(now),
            CreatedBy = actor,
        };
        fill(booking);
        return booking;
    }
}
