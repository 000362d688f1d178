using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Deals.Features.Deals;

namespace M3CoreCrm.Modules.Deals.Registry;

/// <summary>
/// Deals for other modules (lead conversion). Runs in the caller's unit of work: the Deals context shares the
/// request's connection and joins its open transaction on save. Input is validated like the API's (400 on bad
/// values, an unknown or invisible pipeline or stage included); the caller has authorized its own use case, so the
/// owner is not held to the caller's deals.create scope (it must still be an active user).
/// </summary>
internal sealed class DealRegistry(DealService deals) : IDealRegistry
{
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
        return (await deals.CreateAsync(request, new DealWriteOptions(ApplyCallerScope: false), cancellationToken)).Id;
    }
}
