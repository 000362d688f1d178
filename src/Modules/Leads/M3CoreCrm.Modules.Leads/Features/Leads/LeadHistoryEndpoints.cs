using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Paging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>One change of a lead, from the audit log: who did what when, and the fields' old and new values.</summary>
internal sealed record LeadHistoryEntry(
    Guid Id, DateTimeOffset OccurredAt, string ActorKind, Guid? ActorId, string Action, JsonElement? Changes, string? CorrelationId);

/// <summary>GET /api/v1/leads/{id}/history: the lead's audit entries, newest first, keyset-paged.</summary>
internal static class LeadHistoryEndpoints
{
    internal const string EntityType = "lead";

    private static readonly SortCatalog<AuditEntry> Sorts = new(
        SortField<AuditEntry>.For("id", e => e.Id),
        "-occurredAt",
        SortField<AuditEntry>.For("occurredAt", e => e.OccurredAt));

    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapGet("/{id:guid}/history", HistoryAsync)
            .WithName("GetLeadHistory")
            .WithSummary("The lead's change history from the audit log, newest first (sort: occurredAt or -occurredAt).")
            .RequirePermission(LeadsPermissions.Read)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<Page<LeadHistoryEntry>>> HistoryAsync(
        Guid id, [AsParameters] PageQuery page, LeadQueries finder, SharedDbContext shared, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        await finder.FindAsync(id, LeadsPermissions.Read, tracked: false, ct);
        var entityId = id.ToString();
        var query = shared.Set<AuditEntry>().AsNoTracking().Where(e => e.EntityType == EntityType && e.EntityId == entityId);
        return TypedResults.Ok(await Keyset.PageAsync(query, sort, page, cursors, ToEntry, ct));
    }

    private static LeadHistoryEntry ToEntry(AuditEntry e) => new(
        e.Id, e.OccurredAt, e.ActorKind, e.ActorId, e.Action,
        e.Changes is null ? null : JsonDocument.Parse(e.Changes).RootElement.Clone(), e.CorrelationId);
}
