namespace M3CoreCrm.Modules.Deals.Contracts;

/// <summary>Read-only questions other modules ask about deals (Inventory ties reservations to deals).</summary>
public interface IDealDirectory
{
    /// <summary>The ids among <paramref name="ids"/> of live (not deleted) deals of the current tenant.</summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> ids of open live deals, oldest first (demo data links to them).</summary>
    Task<IReadOnlyList<Guid>> OpenDealIdsAsync(int count, CancellationToken cancellationToken);
}
