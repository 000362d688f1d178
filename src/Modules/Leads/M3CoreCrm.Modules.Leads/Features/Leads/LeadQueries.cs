using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>
/// Reads of leads within the scope of a permission: a lead of another tenant, outside the caller's scope, or deleted
/// is simply not found (404), exactly like one that does not exist; lists are filtered in SQL.
/// </summary>
internal sealed class LeadQueries(LeadsDbContext db, SharedDbContext shared, AccessScope access, IUserDirectory users, CursorCodec cursors)
{
    internal const string AuditEntityType = "lead";

    private static readonly SortCatalog<AuditEntry> HistorySorts = new(
        SortField<AuditEntry>.For("id", e => e.Id),
        "-occurredAt",
        SortField<AuditEntry>.For("occurredAt", e => e.OccurredAt));

    public async Task<Lead> FindAsync(Guid id, string permission, bool tracked, CancellationToken cancellationToken) =>
        await (await ScopedAsync(permission, tracked, cancellationToken)).FirstOrDefaultAsync(l => l.Id == id, cancellationToken)
        ?? throw Problems.NotFound("lead", id);

    /// <summary>A soft-deleted lead (for restore), within scope.</summary>
    public async Task<Lead> FindDeletedAsync(Guid id, string permission, CancellationToken cancellationToken)
    {
        var filter = await access.OwnerFilterAsync<Lead>(permission, l => l.OwnerId, cancellationToken);
        return await db.Leads.IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(filter)
            .FirstOrDefaultAsync(l => l.Id == id && l.DeletedAt != null, cancellationToken)
            ?? throw Problems.NotFound("lead", id);
    }

    /// <summary>The tenant's live leads that the permission's scope covers (filtered in SQL).</summary>
    public async Task<IQueryable<Lead>> ScopedAsync(string permission, bool tracked, CancellationToken cancellationToken)
    {
        var filter = await access.OwnerFilterAsync<Lead>(permission, l => l.OwnerId, cancellationToken);
        var query = db.Leads.Where(filter);
        return tracked ? query : query.AsNoTracking();
    }

    /// <summary>One keyset page of the leads the caller may read, filtered, searched and sorted (400 on bad input).</summary>
    public async Task<Page<LeadResponse>> ListAsync(LeadFilter filter, PageQuery page, CancellationToken cancellationToken)
    {
        var sort = LeadFilter.Sorts.Parse(page.Sort);
        var query = await filter.ApplyAsync(this, db, users, cancellationToken);
        return await Keyset.PageAsync(query, sort, page, cursors, LeadResponse.From, cancellationToken);
    }

    /// <summary>The export's rows: the list's filters and sort, unpaged; everything that can fail with 400 fails here.</summary>
    public async Task<IQueryable<Lead>> ExportAsync(LeadFilter filter, string? sort, CancellationToken cancellationToken)
    {
        var spec = LeadFilter.Sorts.Parse(sort);
        return Keyset.Order(await filter.ApplyAsync(this, db, users, cancellationToken), spec);
    }

    /// <summary>The lead's audit entries (404 unless the caller may read the lead), keyset-paged.</summary>
    public async Task<Page<LeadHistoryEntry>> HistoryAsync(Guid id, PageQuery page, CancellationToken cancellationToken)
    {
        var sort = HistorySorts.Parse(page.Sort);
        await FindAsync(id, LeadsPermissions.Read, tracked: false, cancellationToken);
        var entityId = id.ToString();
        var query = shared.Set<AuditEntry>().AsNoTracking().Where(e => e.EntityType == AuditEntityType && e.EntityId == entityId);
        return await Keyset.PageAsync(query, sort, page, cursors, ToHistoryEntry, cancellationToken);
    }

    private static LeadHistoryEntry ToHistoryEntry(AuditEntry e) => new(
        e.Id, e.OccurredAt, e.ActorKind, e.ActorId, e.Action,
        e.Changes is null ? null : JsonDocument.Parse(e.Changes).RootElement.Clone(), e.CorrelationId);
}
