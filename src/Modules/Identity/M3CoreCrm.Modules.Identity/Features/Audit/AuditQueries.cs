using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Paging;
using Microsoft.EntityFrameworkCore;
using static M3CoreCrm.Modules.Identity.Features.Audit.AuditEndpoints;

namespace M3CoreCrm.Modules.Identity.Features.Audit;

/// <summary>The tenant's audit log, newest first, filtered and keyset-paged.</summary>
internal sealed class AuditQueries(SharedDbContext db, CursorCodec cursors)
{
    private static readonly SortCatalog<AuditEntry> Sorts = new(
        SortField<AuditEntry>.For("id", e => e.Id),
        "-occurredAt",
        SortField<AuditEntry>.For("occurredAt", e => e.OccurredAt));

    public async Task<Page<AuditEntryResponse>> ListAsync(AuditQuery filter, PageQuery page, CancellationToken ct)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (filter.EntityType is { Length: > 0 } type)
        {
            query = query.Where(e => e.EntityType == type);
        }

        if (filter.EntityId is { Length: > 0 } entityId)
        {
            query = query.Where(e => e.EntityId == entityId);
        }

        if (filter.ActorId is { } actorId)
        {
            query = query.Where(e => e.ActorId == actorId);
        }

        if (filter.Action is { Length: > 0 } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.OccurredAt < to);
        }

        return await Keyset.PageAsync(query, Sorts.Parse(page.Sort), page, cursors, ToResponse, ct);
    }

    private static AuditEntryResponse ToResponse(AuditEntry e) => new(
        e.Id, e.OccurredAt, e.ActorKind, e.ActorId, e.EntityType, e.EntityId, e.Action,
        e.Changes is null ? null : JsonDocument.Parse(e.Changes).RootElement.Clone(), e.IpAddress, e.CorrelationId);
}
