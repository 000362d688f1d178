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
    /// The ids among <paramref name="contactIds"/> that exist (not deleted) in the current tenant and that the current
    /// actor may read (contacts.read scope; the system actor reads all): a contact outside the actor's scope is
    /// answered like a missing one.
    /// </summary>
    Task<IReadOnlySet<Guid>> ExistingContactsAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken);

    /// <summary>The ids among <paramref name="companyIds"/> that exist and the current actor may read (companies.read), like contacts.</summary>
    Task<IReadOnlySet<Guid>> ExistingCompaniesAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken cancellationToken);

    /// <summary>
    /// A contact of the current tenant with this email (case-insensitive), if any, whether or not the actor may read
    /// it (ask <see cref="ExistingContactsAsync"/> before showing its id).
    /// </summary>
    Task<Guid?> FindContactByEmailAsync(string email, CancellationToken cancellationToken);
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
