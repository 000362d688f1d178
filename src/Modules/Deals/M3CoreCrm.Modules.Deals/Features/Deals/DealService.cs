using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Pipelines;
using M3CoreCrm.Modules.Tenancy.Contracts;

namespace M3CoreCrm.Modules.Deals.Features.Deals;

/// <summary>
/// Whether a write is held to the caller's access: an API caller may give deals only to owners their scope covers and
/// may reference only contacts, companies, leads and units they can see (one they cannot answers like a missing one);
/// another module's use case (lead conversion) has authorized itself, so references only have to exist.
/// </summary>
internal sealed record DealWriteOptions(bool ApplyCallerScope);

/// <summary>
/// Creating, changing, deleting and restoring deals (the endpoints and the directory). The owner and the references
/// are checked by <see cref="DealReferences"/>; stage changes are <see cref="DealStageService"/>'s.
/// </summary>
internal sealed class DealService(
    DealsDbContext db,
    ITenantContext tenant,
    PipelineCatalog catalog,
    DealReferences references,
    ICurrentActor actor,
    ITenantDirectory tenants,
    TimeProvider clock,
    IValidator<DealInput> inputValidator,
    IValidator<CreateDealRequest> createValidator)
{
    private static readonly DealWriteOptions AsCaller = new(ApplyCallerScope: true);

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<Deal> CreateAsync(CreateDealRequest request, DealWriteOptions options, CancellationToken ct)
    {
        await createValidator.EnsureValidAsync(request, ct);
        var stage = await PlaceOfNewDealAsync(request.PipelineId, request.StageId, ct);
        var currency = request.Currency ?? (await tenants.FindAsync(tenant.RequiredTenantId, ct))?.DefaultCurrency ?? "AED";
        var details = new DealDetails(
            request.Title.Trim(),
            request.Amount ?? 0m,
            currency,
            request.ExpectedCloseDate,
            request.OwnerId ?? actor.UserId,
            request.ContactId,
            request.CompanyId,
            request.SourceLeadId,
            request.UnitIds ?? []);
        await references.CheckOwnerAsync(details.OwnerId, DealsPermissions.DealsCreate, options, ct);
        await references.CheckAsync(details, null, options, ct);

        var (deal, change) = Deal.Create(details, stage, actor.Id, Now);
        db.Deals.Add(deal);
        db.StageHistory.Add(change);
        await db.SaveChangesAsync(ct);
        return deal;
    }

    public async Task PatchAsync(Deal deal, JsonElement patch, CancellationToken ct)
    {
        var before = deal.Details();
        var input = MergePatch.Apply(DealInput.From(deal), patch);
        await inputValidator.EnsureValidAsync(input, ct);
        var details = new DealDetails(
            input.Title.Trim(), input.Amount!.Value, input.Currency!, input.ExpectedCloseDate, input.OwnerId,
            input.ContactId, input.CompanyId, input.SourceLeadId, input.UnitIds ?? []);
        if (details.OwnerId != before.OwnerId)
        {
            await references.CheckOwnerAsync(details.OwnerId, DealsPermissions.DealsUpdate, AsCaller, ct);
        }

        await references.CheckAsync(details, before, AsCaller, ct);
        deal.Apply(details, Now);
        await db.SaveChangesAsync(ct);
    }

    public Task DeleteAsync(Deal deal, CancellationToken ct) => db.SoftDeleteAsync(deal, Now, ct);

    public Task RestoreAsync(Deal deal, CancellationToken ct) => db.RestoreAsync(deal, Now, ct);

    /// <summary>The stage of a new deal: named, or the first open stage of the named (or default) pipeline.</summary>
    private async Task<PipelineStage> PlaceOfNewDealAsync(Guid? pipelineId, Guid? stageId, CancellationToken ct)
    {
        if (stageId is { } sid)
        {
            var (pipeline, stage) = await catalog.FindStageAsync(sid, ct) ?? throw DealStageService.UnknownStage("stageId", sid);
            if (pipelineId is { } pid && pid != pipeline.Id)
            {
                throw Problems.Validation(new Dictionary<string, string[]> { ["stageId"] = [$"The stage is not a stage of pipeline {pid}."] });
            }

            if (stage.Kind != PipelineStageKind.Open)
            {
                throw Problems.BadRequest("deal.use_win_or_lose", "A new deal starts in an open stage; win or lose it afterwards.");
            }

            return stage;
        }

        var target = pipelineId is { } id
            ? (await catalog.VisibleAsync(ct)).FirstOrDefault(p => p.Id == id)
                ?? throw Problems.Validation(new Dictionary<string, string[]> { ["pipelineId"] = [$"No pipeline {id} exists."] })
            : await catalog.DefaultAsync(ct)
                ?? throw Problems.Validation(new Dictionary<string, string[]> { ["pipelineId"] = ["There is no default pipeline you can use; name a pipelineId."] });
        return target.OpenStages.First();
    }
}
