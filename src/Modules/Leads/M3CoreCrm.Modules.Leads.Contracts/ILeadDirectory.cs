namespace M3CoreCrm.Modules.Leads.Contracts;

/// <summary>Read access to leads for other modules (activities target them, deals link their source lead).</summary>
public interface ILeadDirectory
{
    /// <summary>
    /// The ids among <paramref name="leadIds"/> that exist (not deleted) in the current tenant and that the current
    /// actor may read (leads.read scope; the system actor reads all): a lead outside the actor's scope is answered
    /// like a missing one.
    /// </summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken);
}
