namespace M3CoreCrm.Modules.Leads.Contracts;

/// <summary>Read access to leads for other modules (activities target them, deals link their source lead).</summary>
public interface ILeadDirectory
{
    /// <summary>
    /// The ids among <paramref name="leadIds"/> that exist (not deleted) in the current tenant, whoever may read them:
    /// for a module's own use case that the caller is already authorized for. A reference a user chose is checked
    /// with <see cref="VisibleAsync"/>.
    /// </summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken);

    /// <summary>
    /// The ids among <paramref name="leadIds"/> of live leads the caller may read (leads.read and its owner scope; the system actor reads all):
    /// a reference to a lead outside it answers like one to a missing lead. Empty without leads.read.
    /// </summary>
    Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken);

    /// <summary>The ids of live leads owned by one of <paramref name="ownerIds"/> (the scope of records tied to leads, e.g. unit bookings).</summary>
    Task<IReadOnlySet<Guid>> OwnedByAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken cancellationToken);
}
