namespace M3CoreCrm.Modules.Contacts.Contracts;

/// <summary>
/// What other modules may do with contacts and companies. Calls run in the caller's unit of work (shared connection
/// and transaction), so e.g. a lead conversion that creates a contact commits or rolls back as one.
/// </summary>
public interface IContactDirectory
{
    /// <summary>Creates a contact owned by <see cref="NewContact.OwnerId"/>; returns its id.</summary>
    Task<Guid> CreateContactAsync(NewContact contact, CancellationToken cancellationToken);

    /// <summary>Creates a company; returns its id.</summary>
    Task<Guid> CreateCompanyAsync(NewCompany company, CancellationToken cancellationToken);

    /// <summary>
    /// The ids among <paramref name="contactIds"/> that exist (not deleted) in the current tenant, whoever may read
    /// them: for a module's own use case that the caller is already authorized for. A reference a user chose is
    /// checked with <see cref="VisibleContactsAsync"/>.
    /// </summary>
    Task<IReadOnlySet<Guid>> ExistingContactsAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken);

    /// <summary>The ids among <paramref name="companyIds"/> that exist in the current tenant, whoever may read them (see <see cref="ExistingContactsAsync"/>).</summary>
    Task<IReadOnlySet<Guid>> ExistingCompaniesAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken cancellationToken);

    /// <summary>
    /// A contact of the current tenant with this email (case-insensitive), if any, whether or not the actor may read
    /// it (ask <see cref="VisibleContactsAsync"/> before showing its id).
    /// </summary>
    Task<Guid?> FindContactByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// The ids among <paramref name="contactIds"/> of live contacts the caller may read (contacts.read and its owner
    /// scope): a reference to a contact outside it answers like one to a missing contact. Empty without contacts.read.
    /// </summary>
    Task<IReadOnlySet<Guid>> VisibleContactsAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken);

    /// <summary>The ids among <paramref name="companyIds"/> of live companies the caller may read (companies.read and its owner scope).</summary>
    Task<IReadOnlySet<Guid>> VisibleCompaniesAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken cancellationToken);
}

public sealed record NewContact(
    string FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    Guid? CompanyId,
    Guid? SourceLeadId,
    Guid? OwnerId,
    IReadOnlyList<string> Tags);

public sealed record NewCompany(string Name, string? Domain, string? Phone, Guid? OwnerId);

/// <summary>Published when <see cref="MergedContactId"/> was merged into <see cref="SurvivorContactId"/> (then soft-deleted).</summary>
public sealed record ContactsMerged(Guid SurvivorContactId, Guid MergedContactId);
