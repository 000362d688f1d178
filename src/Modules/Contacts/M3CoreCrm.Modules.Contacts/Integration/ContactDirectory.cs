using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Domain;
using M3CoreCrm.Modules.Contacts.Features.Companies;
using M3CoreCrm.Modules.Contacts.Features.Contacts;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Contacts.Integration;

/// <summary>
/// Contacts and companies for other modules (lead conversion). Runs in the caller's unit of work: the module context
/// shares the request's connection and joins its open transaction on save. Input is validated like the API's (400 on
/// bad values); the caller has authorized its own use case, so owner scope and duplicates are its business.
/// </summary>
internal sealed class ContactDirectory(ContactsDbContext db, ContactService contacts, CompanyService companies, AccessScope access) : IContactDirectory
{
    private static readonly ContactWriteOptions FromModule = new(AllowDuplicate: true, CheckOwnerScope: false, CheckSourceLead: false);

    public async Task<Guid> CreateContactAsync(NewContact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var input = new ContactInput(
            contact.FirstName,
            contact.LastName,
            contact.Email is { } email ? [new ContactEmailInput(email, null, true)] : [],
            contact.Phone is { } phone ? [new ContactPhoneInput(phone, null, true)] : [],
            contact.CompanyId,
            null,
            contact.SourceLeadId,
            contact.OwnerId,
            contact.Tags);
        return (await contacts.CreateAsync(input, FromModule, cancellationToken)).Id;
    }

    public async Task<Guid> CreateCompanyAsync(NewCompany company, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(company);
        var input = new CompanyInput(company.Name, company.Domain, null, company.Phone, null, company.OwnerId, []);
        return (await companies.CreateAsync(input, checkOwnerScope: false, cancellationToken)).Id;
    }

    public async Task<IReadOnlySet<Guid>> ExistingContactsAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken) =>
        contactIds.Count == 0
            ? new HashSet<Guid>()
            : (await db.Contacts.Where(c => contactIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();

    public async Task<IReadOnlySet<Guid>> ExistingCompaniesAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken cancellationToken) =>
        companyIds.Count == 0
            ? new HashSet<Guid>()
            : (await db.Companies.Where(c => companyIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();

    public async Task<Guid?> FindContactByEmailAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normalized = ContactPointRules.NormalizeEmail(email);
        return await db.ContactEmails.Where(e => e.Normalized == normalized)
            .Join(db.Contacts, e => e.ContactId, c => c.Id, (e, c) => c)
            .OrderBy(c => c.CreatedAt)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public Task<IReadOnlySet<Guid>> VisibleContactsAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken) =>
        access.VisibleIdsAsync(db.Contacts, ContactsPermissions.ContactsRead, c => c.OwnerId, contactIds, cancellationToken);

    public Task<IReadOnlySet<Guid>> VisibleCompaniesAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken cancellationToken) =>
        access.VisibleIdsAsync(db.Companies, ContactsPermissions.CompaniesRead, c => c.OwnerId, companyIds, cancellationToken);
}
