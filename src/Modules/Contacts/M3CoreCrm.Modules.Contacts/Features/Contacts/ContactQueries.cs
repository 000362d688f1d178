using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Domain;
using M3CoreCrm.Modules.Contacts.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Contacts.Features.Contacts;

/// <summary>Filters of the contact list: owner, company, tags (all of them), created range, and q (names, emails, phones).</summary>
internal sealed record ContactListQuery(Guid? OwnerId, Guid? CompanyId, string[]? Tags, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, string? Q);

/// <summary>Reads of contacts: the list (also a company's contacts) in the caller's read scope, filtered in SQL.</summary>
internal sealed class ContactQueries(ContactsDbContext db, AccessScope access, CursorCodec cursors)
{
    /// <summary>createdAt, updatedAt and name (first then last name), newest first by default; the id breaks ties.</summary>
    internal static readonly SortCatalog<Contact> Sorts = new(
        SortField<Contact>.For("id", c => c.Id),
        "-createdAt",
        SortField<Contact>.For("createdAt", c => c.CreatedAt),
        SortField<Contact>.For("updatedAt", c => c.UpdatedAt),
        SortField<Contact>.For("name", c => c.SortName));

    /// <summary>
    /// The list's WHERE clause (the tenant, soft-delete and scope filters come from the caller's query). q and tags
    /// go through <c>contacts.match_contact_ids</c>, which can use the trigram and tag indexes (see the migration);
    /// q is bounded (<see cref="BoundedSearch"/>) so that a common term does not sort every match for each page.
    /// </summary>
    internal static async Task<IQueryable<Contact>> FilterAsync(ContactsDbContext db, IQueryable<Contact> query, ContactListQuery filter, CancellationToken ct)
    {
        ListFilters.CreatedRange(filter.CreatedFrom, filter.CreatedTo);
        var tags = ListFilters.Tags(filter.Tags);
        var pattern = ListFilters.SearchPattern(filter.Q);

        if (filter.OwnerId is { } ownerId)
        {
            query = query.Where(c => c.OwnerId == ownerId);
        }

        if (filter.CompanyId is { } companyId)
        {
            query = query.Where(c => c.CompanyId == companyId);
        }

        if (filter.CreatedFrom is { } from)
        {
            query = query.Where(c => c.CreatedAt >= from);
        }

        if (filter.CreatedTo is { } to)
        {
            query = query.Where(c => c.CreatedAt < to);
        }

        if (pattern is not null)
        {
            query = await SearchFunctions.WhereMatchesAsync(db, query, "match_contact_ids", pattern, tags, ct);
        }
        else if (tags.Count > 0)
        {
            var matches = SearchFunctions.Match(db, "match_contact_ids", pattern, tags);
            query = query.Where(c => matches.Contains(c.Id));
        }

        return query;
    }

    /// <summary>One keyset page of the contacts the caller may read, filtered and sorted (400 on bad input).</summary>
    public async Task<Page<ContactResponse>> ListAsync(ContactListQuery filter, PageQuery page, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var scope = await access.OwnerFilterAsync<Contact>(ContactsPermissions.ContactsRead, c => c.OwnerId, ct);
        var query = (await FilterAsync(db, db.Contacts.AsNoTracking().Where(scope), filter, ct))
            .Include(c => c.Emails)
            .Include(c => c.Phones)
            .AsSplitQuery();
        return await Keyset.PageAsync(query, sort, page, cursors, ContactResponse.From, ct);
    }
}
