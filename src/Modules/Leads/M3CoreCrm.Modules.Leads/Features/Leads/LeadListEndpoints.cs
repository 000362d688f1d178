using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Leads.Authorization;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.ListLeads;

/// <summary>GET /api/v1/leads: the leads the caller may read, filtered, searched, sorted and keyset-paged.</summary>
internal static class ListLeadsEndpoint
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapGet("/", ListAsync)
            .WithName("ListLeads")
            .WithSummary("List leads: filters, q search on name/email/phone, sort (createdAt, updatedAt, name), keyset paging.")
            .RequirePermission(LeadsPermissions.Read)
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Ok<Page<LeadResponse>>> ListAsync(
        [AsParameters] LeadFilter filter,
        [AsParameters] PageQuery page,
        LeadFinder finder,
        LeadsDbContext db,
        IUserDirectory users,
        CursorCodec cursors,
        CancellationToken ct)
    {
        var sort = LeadFilter.Sorts.Parse(page.Sort);
        var query = await filter.ApplyAsync(finder, db, users, ct);
        return TypedResults.Ok(await Keyset.PageAsync(query, sort, page, cursors, LeadResponse.From, ct));
    }
}
