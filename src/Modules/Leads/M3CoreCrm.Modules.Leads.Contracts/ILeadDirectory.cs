namespace M3CoreCrm.Modules.Leads.Contracts;

/// <summary>Read access to leads for other modules (activities target them, deals link their source lead).</summary>
public interface ILeadDirectory
{
    /// <summary>The ids among <paramref name="leadIds"/> that exist (not deleted) in the current tenant.</summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> live lead ids of the current tenant, oldest first (demo seeding of other modules).</summary>
    Task<IReadOnlyList<Guid>> SampleLeadIdsAsync(int count, CancellationToken cancellationToken);
}
