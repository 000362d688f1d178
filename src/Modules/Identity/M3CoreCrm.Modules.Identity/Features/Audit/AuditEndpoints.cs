using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Paging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Identity.Features.Audit;

/// <summary>GET /api/v1/audit: the tenant's audit log, newest first, filtered and keyset-paged.</summary>
internal static partial class AuditEndpoints
{
    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit", ListAsync)
            .WithTags("Audit")
            .WithName("ListAuditEntries")
            .WithSummary("The audit log: data changes and security events, newest first.")
            .RequirePermission(IdentityPermissions.AuditRead)
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Ok<Page<AuditEntryResponse>>> ListAsync(
        [AsParameters] AuditQuery filter, [AsParameters] PageQuery page, AuditQueries audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.ListAsync(filter, page, ct));
}
