using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Inventory.Domain;

internal sealed record UnitDetails(
    string Code,
    int Floor,
    UnitType Type,
    int Bedrooms,
    int Bathrooms,
    decimal Area,
    string? View,
    string? Orientation,
    decimal ListPrice,
    string Currency);

/// <summary>
/// A sellable unit of a building. Its status mirrors its active booking (kept in the same transaction as the booking):
/// only the booking workflow changes it. A hold past its expiry counts as available on read, before the expiry job
/// has released it (<see cref="EffectiveStatus"/>).
/// </summary>
internal sealed class Unit : ITenantOwned, IEntity, IRestorable
{
    private Unit()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>The building's project (copied, so unit searches filter by project without a join).</summary>
    public Guid ProjectId { get; private set; }

    public Guid BuildingId { get; private set; }

    public string Code { get; private set; } = null!;

    public int Floor { get; private set; }

    public UnitType Type { get; private set; }

    public int Bedrooms { get; private set; }

    public int Bathrooms { get; private set; }

    /// <summary>Area in square metres.</summary>
    public decimal Area { get; private set; }

    public string? View { get; private set; }

    public string? Orientation { get; private set; }

    public decimal ListPrice { get; private set; }

    public string Currency { get; private set; } = null!;

    public UnitStatus Status { get; private set; }

    /// <summary>When the active hold expires (null unless held).</summary>
    public DateTimeOffset? HoldExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public uint Version { get; private set; }

    public static Unit Create(Building building, UnitDetails details, DateTimeOffset now)
    {
        var at = Timestamps.Stored(now);
        var unit = new Unit
        {
            Id = Guid.CreateVersion7(),
            ProjectId = building.ProjectId,
            BuildingId = building.Id,
            Status = UnitStatus.Available,
            CreatedAt = at,
        };
        unit.Apply(details, at);
        return unit;
    }

    public UnitDetails Details() => new(Code, Floor, Type, Bedrooms, Bathrooms, Area, View, Orientation, ListPrice, Currency);

    public void Apply(UnitDetails details, DateTimeOffset now)
    {
        (Code, Floor, Type, Bedrooms, Bathrooms, Area, View, Orientation, ListPrice, Currency) =
            (details.Code, details.Floor, details.Type, details.Bedrooms, details.Bathrooms, details.Area, details.View, details.Orientation, details.ListPrice, details.Currency);
        UpdatedAt = Timestamps.Stored(now);
    }

    /// <summary>The status as of <paramref name="now"/>: a hold past its expiry is available.</summary>
    public UnitStatus EffectiveStatus(DateTimeOffset now) => IsExpiredHold(now) ? UnitStatus.Available : Status;

    public bool IsExpiredHold(DateTimeOffset now) => Status == UnitStatus.Held && HoldExpiresAt <= now;

    /// <summary>Follows a new active booking (the booking row is what the database keeps unique).</summary>
    public void Booked(UnitBooking booking, DateTimeOffset now)
    {
        Status = booking.Kind switch
        {
            BookingKind.Hold => UnitStatus.Held,
            BookingKind.Reservation => UnitStatus.Reserved,
            BookingKind.Sale => UnitStatus.Sold,
            BookingKind.Block => UnitStatus.Blocked,
            _ => throw new ArgumentOutOfRangeException(nameof(booking)),
        };
        HoldExpiresAt = booking.Kind == BookingKind.Hold ? booking.ExpiresAt : null;
        UpdatedAt = Timestamps.Stored(now);
    }

    /// <summary>No active booking any more.</summary>
    public void Freed(DateTimeOffset now)
    {
        Status = UnitStatus.Available;
        HoldExpiresAt = null;
        UpdatedAt = Timestamps.Stored(now);
    }

    public void SoftDelete(DateTimeOffset now)
    {
        if (Status is not (UnitStatus.Available or UnitStatus.Blocked) && !IsExpiredHold(now))
        {
            throw Problems.Conflict("unit.claimed", $"The unit is {Status.ToString().ToLowerInvariant()}; release or cancel its booking first.");
        }

        DeletedAt = UpdatedAt = Timestamps.Stored(now);
    }

    public void Restore(DateTimeOffset now)
    {
        DeletedAt = null;
        UpdatedAt = Timestamps.Stored(now);
    }
}
