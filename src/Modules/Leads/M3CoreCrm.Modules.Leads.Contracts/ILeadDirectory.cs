namespace M3CoreCrm.Modules.Leads.Contracts;

/// <summary>Read access to leads for other modules (activities target them, deals link their source lead).</summary>
public interface ILeadDirectory
{
    /// <summary>The ids among <paramref name="leadIds"/> that exist (not deleted) in the current tenant.</summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken);
}
