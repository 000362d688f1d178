using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Paging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Audit;

/// <summary>GET /api/v1/audit: the tenant's audit log, newest first, filtered and keyset-paged.</summary>
internal static class AuditEndpoints
{
    internal sealed record AuditEntryResponse(
        Guid Id, DateTimeOffset OccurredAt, string ActorKind, Guid? ActorId, string EntityType, string? EntityId,
        string Action, System.Text.Json.JsonElement? Changes, string? IpAddress, string? CorrelationId);

    internal sealed record AuditQuery(string? EntityType, string? EntityId, Guid? ActorId, string? Action, DateTimeOffset? From, DateTimeOffset? To);

    private static readonly SortCatalog<AuditEntry> Sorts = new(
        SortField<AuditEntry>.For("id", e => e.Id),
        "-occurredAt",
        SortField<AuditEntry>.For("occurredAt", e => e.OccurredAt));

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit", ListAsync)
            .WithTags("Audit")
            .WithName("ListAuditEntries")
            .WithSummary("The audit log: data changes and security events, newest first.")
            .RequirePermission(IdentityPermissions.AuditRead)
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Ok<Page<AuditEntryResponse>>> ListAsync(
        [AsParameters] AuditQuery filter, [AsParameters] PageQuery page, SharedDbContext db, CursorCodec cursors, CancellationToken ct)
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

        var result = await Keyset.PageAsync(query, Sorts.Parse(page.Sort), page, cursors, ToResponse, ct);
        return TypedResults.Ok(result);
    }

    private static AuditEntryResponse ToResponse(AuditEntry e) => new(
        e.Id, e.OccurredAt, e.ActorKind, e.ActorId, e.EntityType, e.EntityId, e.Action,
        e.Changes is null ? null : System.Text.Json.JsonDocument.Parse(e.Changes).RootElement.Clone(), e.IpAddress, e.CorrelationId);
}
