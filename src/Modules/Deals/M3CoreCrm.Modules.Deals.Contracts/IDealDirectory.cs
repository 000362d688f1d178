namespace M3CoreCrm.Modules.Deals.Contracts;

/// <summary>Read-only questions other modules ask about deals (Inventory ties reservations to deals).</summary>
public interface IDealDirectory
{
    /// <summary>The ids among <paramref name="ids"/> of live (not deleted) deals of the current tenant.</summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// The ids among <paramref name="ids"/> of live deals the caller may read (deals.read and its owner scope, visible
    /// pipelines): a reference to a deal outside it answers like one to a missing deal. Empty without deals.read.
    /// </summary>
    Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>The ids of live deals owned by one of <paramref name="ownerIds"/> (the scope of records tied to deals, e.g. unit bookings).</summary>
    Task<IReadOnlySet<Guid>> OwnedByAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> ids of open live deals, oldest first (demo data links to them).</summary>
    Task<IReadOnlyList<Guid>> OpenDealIdsAsync(int count, CancellationToken cancellationToken);
}
