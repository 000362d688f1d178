using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Domain;
using M3CoreCrm.Modules.Contacts.Features.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Contacts.Features.Companies;

/// <summary>Filters of the company list: owner, tags (all of them), created range, and q (name, domain, phone).</summary>
internal sealed record CompanyListQuery(Guid? OwnerId, string[]? Tags, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, string? Q);

/// <summary>The company use cases shared by the endpoints, the batch and the directory.</summary>
internal sealed class CompanyService(
    ContactsDbContext db,
    AccessScope access,
    ICurrentActor actor,
    TimeProvider clock,
    IValidator<CompanyInput> validator,
    OwnerPolicy owners)
{
    /// <summary>createdAt, updatedAt and name, newest first by default; the id breaks ties.</summary>
    internal static readonly SortCatalog<Company> Sorts = new(
        SortField<Company>.For("id", c => c.Id),
        "-createdAt",
        SortField<Company>.For("createdAt", c => c.CreatedAt),
        SortField<Company>.For("updatedAt", c => c.UpdatedAt),
        SortField<Company>.For("name", c => c.SortName));

    /// <summary>
    /// The list's WHERE clause; q and tags go through <c>contacts.match_company_ids</c> (see the migration), q bounded
    /// like the contacts' (<see cref="BoundedSearch"/>).
    /// </summary>
    internal static async Task<IQueryable<Company>> FilterAsync(ContactsDbContext db, IQueryable<Company> query, CompanyListQuery filter, CancellationToken ct)
    {
        ListFilters.CreatedRange(filter.CreatedFrom, filter.CreatedTo);
        var tags = ListFilters.Tags(filter.Tags);
        var pattern = ListFilters.SearchPattern(filter.Q);

        if (filter.OwnerId is { } ownerId)
        {
            query = query.Where(c => c.OwnerId == ownerId);
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
            query = await SearchFunctions.WhereMatchesAsync(db, query, "match_company_ids", pattern, tags, ct);
        }
        else if (tags.Count > 0)
        {
            var matches = SearchFunctions.Match(db, "match_company_ids", pattern, tags);
            query = query.Where(c => matches.Contains(c.Id));
        }

        return query;
    }

    public async Task<Page<CompanyResponse>> ListAsync(CompanyListQuery filter, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var scope = await access.OwnerFilterAsync<Company>(ContactsPermissions.CompaniesRead, c => c.OwnerId, ct);
        return await Keyset.PageAsync(await FilterAsync(db, db.Companies.AsNoTracking().Where(scope), filter, ct), sort, page, cursors, CompanyResponse.From, ct);
    }

    /// <summary>A live (or, with <paramref name="includeDeleted"/>, any) company that the permission's scope covers; 404 otherwise.</summary>
    public async Task<Company> FindAsync(Guid id, string permission, CancellationToken ct, bool includeDeleted = false)
    {
        var company = await db.Companies.FindOrNotFoundAsync(id, "company", includeDeleted, ct);
        if (!await access.CoversAsync(permission, company.OwnerId, ct))
        {
            throw Problems.NotFound("company", id);
        }

        return company;
    }

    public async Task<Company> CreateAsync(CompanyInput input, bool checkOwnerScope, CancellationToken ct)
    {
        await validator.EnsureValidAsync(input, ct);
        var owner = input.OwnerId ?? actor.UserId;
        if (checkOwnerScope)
        {
            await EnsureOwnerInScopeAsync(ContactsPermissions.CompaniesCreate, owner, ct);
        }

        var company = Company.Create(input.ToDetails(owner), clock.GetUtcNow());
        db.Companies.Add(company);
        await db.SaveChangesAsync(ct);
        return company;
    }

    public async Task<Company> PatchAsync(Company company, JsonElement patch, CancellationToken ct)
    {
        var before = company.Details();
        var input = MergePatch.Apply(CompanyInput.From(before), patch);
        await validator.EnsureValidAsync(input, ct);
        var details = input.ToDetails(input.OwnerId);
        if (details.OwnerId != before.OwnerId)
        {
            await EnsureOwnerInScopeAsync(ContactsPermissions.CompaniesUpdate, details.OwnerId, ct);
        }

        company.Apply(details, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return company;
    }

    public Task DeleteAsync(Company company, CancellationToken ct) => db.SoftDeleteAsync(company, clock.GetUtcNow(), ct);

    public Task RestoreAsync(Company company, CancellationToken ct) => db.RestoreAsync(company, clock.GetUtcNow(), ct);

    /// <summary>The owner within the permission's scope (403) and an active user of the tenant (400).</summary>
    private Task EnsureOwnerInScopeAsync(string permission, Guid? ownerId, CancellationToken ct) =>
        owners.EnsureAllowedAsync(ownerId, permission, "company", "ownerId", ct);

    /// <summary>Creates (no id) or merge-patches (with id) up to 100 companies, each succeeding or failing alone.</summary>
    public async Task<BatchResponse> BatchAsync(IReadOnlyList<CompanyBatchItem> items, CancellationToken ct) =>
        await Batch.RunAsync(items, db, async (item, token) =>
        {
            try
            {
                if (item.Data.ValueKind != JsonValueKind.Object)
                {
                    throw Problems.BadRequest("batch.invalid_item", "data must be a JSON object.");
                }

                if (item.Id is { } id)
                {
                    await access.DemandAsync(ContactsPermissions.CompaniesUpdate, token);
                    var existing = await FindAsync(id, ContactsPermissions.CompaniesUpdate, token);
                    await PatchAsync(existing, item.Data, token);
                    return (StatusCodes.Status200OK, id);
                }

                var created = await CreateAsync(BatchItems.Read<CompanyInput>(item.Data), checkOwnerScope: true, token);
                return (StatusCodes.Status201Created, created.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Problems.PreconditionFailed("The record was changed by someone else meanwhile; fetch it again and retry.");
            }
        }, ct);
}
