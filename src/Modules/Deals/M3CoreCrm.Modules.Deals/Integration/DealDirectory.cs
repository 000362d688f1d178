using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Deals;
using M3CoreCrm.Modules.Deals.Features.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Deals.Integration;

/// <summary>
/// Deals for other modules, in the caller's unit of work (tenant filter and RLS apply). A deal created here is
/// validated like the API's (400 on bad values, an unknown or invisible pipeline or stage included); the caller has
/// authorized its own use case, so the owner is not held to the caller's deals.create scope (it must still be an
/// active user) and its references only have to exist.
/// </summary>
internal sealed class DealDirectory(DealsDbContext db, DealService deals, PipelineCatalog pipelines, AccessScope access) : IDealDirectory
{
    private static readonly DealWriteOptions ForModule = new(ApplyCallerScope: false);

    public async Task<Guid> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var request = new CreateDealRequest(
            deal.Title,
            deal.PipelineId,
            deal.StageId,
            deal.Amount,
            deal.Currency,
            deal.ExpectedCloseDate,
            deal.OwnerId,
            deal.ContactId,
            deal.CompanyId,
            deal.SourceLeadId,
            deal.UnitIds);
        return (await deals.CreateAsync(request, ForModule, cancellationToken)).Id;
    }

    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids.Distinct().ToList();
        return list.Count == 0
            ? new HashSet<Guid>()
            : (await db.Deals.AsNoTracking().Where(d => list.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    public Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        access.VisibleIdsAsync(ids, DealsPermissions.DealsRead, async () =>
        {
            // The deals list's visibility (owner scope, then pipelines), with the system actor seeing every deal.
            var readable = db.Deals.Where(await access.VisibleFilterAsync<Deal>(DealsPermissions.DealsRead, d => d.OwnerId, cancellationToken));
            var hidden = await pipelines.HiddenIdsAsync(cancellationToken);
            return hidden.Count > 0 ? readable.Where(d => !hidden.Contains(d.PipelineId)) : readable;
        }, cancellationToken);

    public async Task<IReadOnlySet<Guid>> OwnedByAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownerIds);
        var owners = ownerIds.Select(id => (Guid?)id).Distinct().ToList();
        return owners.Count == 0
            ? new HashSet<Guid>()
            : (await db.Deals.AsNoTracking().Where(d => owners.Contains(d.OwnerId)).Select(d => d.Id).ToListAsync(cancellationToken)).ToHashSet();
    }
}
