namespace M3CoreCrm.Modules.Inventory.Domain;

internal enum ProjectStatus
{
    Planning,
    Launched,
    Completed,
}

internal enum UnitType
{
    Studio,
    OneBedroom,
    TwoBedroom,
    ThreeBedroom,
    Penthouse,
    Villa,
    Townhouse,
    Office,
    Retail,
}

/// <summary>A unit's status: derived from its active booking (none: available), never set directly.</summary>
internal enum UnitStatus
{
    Available,
    Held,
    Reserved,
    Sold,
    Blocked,
}

/// <summary>What a booking on a unit is: a time-limited hold, a reservation tied to a deal, the sale, or a block.</summary>
internal enum BookingKind
{
    Hold,
    Reservation,
    Sale,
    Block,
}

/// <summary>
/// Where a booking stands. Only <see cref="Active"/> bookings hold the unit (at most one per unit, enforced by a partial
/// unique index); the others are history: released by hand, expired, cancelled, converted (a hold that became a
/// reservation) or completed (a reservation that became a sale).
/// </summary>
internal enum BookingStatus
{
    Active,
    Released,
    Expired,
    Cancelled,
    Converted,
    Completed,
}

internal static class Timestamps
{
    /// <summary>PostgreSQL keeps microseconds: times are cut to that precision before they are stored or shown.</summary>
    public static DateTimeOffset Stored(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);
}
