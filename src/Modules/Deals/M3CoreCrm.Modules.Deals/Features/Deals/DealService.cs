using System.Linq.Expressions;
using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Deals.Authorization;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Pipelines;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Inventory.Contracts;
using M3CoreCrm.Modules.Leads.Contracts;
using M3CoreCrm.Modules.Tenancy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Deals.Features.Deals;

/// <summary>Filters of the deal list; status takes one or more of open, won, lost (comma-separated).</summary>
internal sealed record DealListQuery(
    Guid? PipelineId,
    Guid? StageId,
    string? Status,
    Guid? OwnerId,
    Guid? ContactId,
    Guid? CompanyId,
    string? Q,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo,
    bool? Rotting);

/// <summary>
/// Whether a write is held to the caller's access: an API caller may give deals only to owners their scope covers and
/// may reference only contacts, companies, leads and units they can see (one they cannot answers like a missing one);
/// another module's use case (lead conversion) has authorized itself, so references only have to exist.
/// </summary>
internal sealed record DealWriteOptions(bool ApplyCallerScope);

/// <summary>
/// The deal use cases shared by the endpoints, the board and the registry. A deal is visible when the permission's
/// scope covers its owner and the caller sees its pipeline; otherwise it does not exist (404). Writes that change a
/// stage save the deal and its history row together; winning and losing publish DealWon / DealLost in the same
/// transaction. Contacts, companies, source leads and units are checked through their modules' Contracts.
/// </summary>
internal sealed class DealService(
    DealsDbContext db,
    UnitOfWork session,
    ITenantContext tenant,
    PipelineCatalog catalog,
    AccessScope access,
    ICurrentActor actor,
    IUserDirectory users,
    ITenantDirectory tenants,
    IntegrationEventPublisher events,
    IContactDirectory contacts,
    ILeadDirectory leads,
    IUnitDirectory units,
    TimeProvider clock,
    IValidator<DealInput> inputValidator,
    IValidator<CreateDealRequest> createValidator)
{
    /// <summary>createdAt (newest first by default), updatedAt, amount and expectedCloseDate (unknown dates last); the id breaks ties.</summary>
    internal static readonly SortCatalog<Deal> Sorts = new(
        SortField<Deal>.For("id", d => d.Id),
        "-createdAt",
        SortField<Deal>.For("createdAt", d => d.CreatedAt),
        SortField<Deal>.For("updatedAt", d => d.UpdatedAt),
        SortField<Deal>.For("amount", d => d.Amount),
        SortField<Deal>.For("expectedCloseDate", d => d.ExpectedCloseSort));

    internal const int MaxSearchLength = 200;

    private static readonly DealWriteOptions AsCaller = new(ApplyCallerScope: true);

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The live deals the caller may read under <paramref name="permission"/>: owner scope and visible pipelines.</summary>
    public async Task<IQueryable<Deal>> VisibleAsync(string permission, CancellationToken ct, bool includeDeleted = false)
    {
        var scope = await access.OwnerFilterAsync<Deal>(permission, d => d.OwnerId, ct);
        var query = db.Deals.IncludingDeleted(includeDeleted).Where(scope);
        var hidden = await catalog.HiddenIdsAsync(ct);
        return hidden.Count > 0 ? query.Where(d => !hidden.Contains(d.PipelineId)) : query;
    }

    /// <summary>
    /// The board totals of the deals the caller may read under <paramref name="permission"/>: the same owner scope
    /// and pipeline visibility as <see cref="VisibleAsync"/>, applied to the totals' owner and pipeline (empty keys skipped).
    /// </summary>
    public async Task<IQueryable<BoardTotal>> VisibleTotalsAsync(string permission, CancellationToken ct)
    {
        var scope = await access.OwnerFilterAsync<BoardTotal>(permission, t => t.OwnerId, ct);
        var query = db.BoardTotals.Where(scope).Where(t => t.DealCount > 0);
        var hidden = await catalog.HiddenIdsAsync(ct);
        return hidden.Count > 0 ? query.Where(t => !hidden.Contains(t.PipelineId)) : query;
    }

    public async Task<IQueryable<Deal>> FilterAsync(IQueryable<Deal> query, DealListQuery filter, CancellationToken ct)
    {
        if (filter.CreatedFrom is { } f && filter.CreatedTo is { } t && f > t)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["createdFrom"] = ["createdFrom must not be after createdTo."] });
        }

        if (filter.PipelineId is { } pipelineId)
        {
            query = query.Where(d => d.PipelineId == pipelineId);
        }

        if (filter.StageId is { } stageId)
        {
            query = query.Where(d => d.StageId == stageId);
        }

        if (Statuses(filter.Status) is { Count: > 0 } statuses)
        {
            query = query.Where(d => statuses.Contains(d.Status));
        }

        if (filter.OwnerId is { } ownerId)
        {
            query = query.Where(d => d.OwnerId == ownerId);
        }

        if (filter.ContactId is { } contactId)
        {
            query = query.Where(d => d.ContactId == contactId);
        }

        if (filter.CompanyId is { } companyId)
        {
            query = query.Where(d => d.CompanyId == companyId);
        }

        if (filter.CreatedFrom is { } from)
        {
            query = query.Where(d => d.CreatedAt >= from);
        }

        if (filter.CreatedTo is { } to)
        {
            query = query.Where(d => d.CreatedAt < to);
        }

        if (SearchPattern(filter.Q) is { } pattern)
        {
            query = query.Where(d => EF.Functions.ILike(d.Title, pattern, LikePattern.Escape));
        }

        if (filter.Rotting is { } rotting)
        {
            var isRotting = await RottingAsync(ct);
            query = query.Where(rotting ? isRotting : Not(isRotting));
        }

        return query;
    }

    public async Task<Page<DealResponse>> ListAsync(DealListQuery filter, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var query = await FilterAsync((await VisibleAsync(DealsPermissions.DealsRead, ct)).AsNoTracking(), filter, ct);
        return await PageAsync(query, sort, page, cursors, ct);
    }

    /// <summary>One keyset page of deals as responses (stage names and rotting from the tenant's stages).</summary>
    public async Task<Page<DealResponse>> PageAsync(IQueryable<Deal> query, SortSpec<Deal> sort, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var stages = await catalog.StagesAsync(ct);
        var now = Now;
        return await Keyset.PageAsync(query, sort, page, cursors, d => DealResponse.From(d, stages.GetValueOrDefault(d.StageId), now), ct);
    }

    /// <summary>A deal the caller may act on under <paramref name="permission"/>; 404 otherwise (tracked, for writes).</summary>
    public async Task<Deal> FindAsync(Guid id, string permission, CancellationToken ct, bool includeDeleted = false) =>
        await (await VisibleAsync(permission, ct, includeDeleted)).FindOrNotFoundAsync(id, "deal", ct);

    public async Task<DealResponse> ResponseAsync(Deal deal, CancellationToken ct) =>
        DealResponse.From(deal, (await catalog.StagesAsync(ct)).GetValueOrDefault(deal.StageId), Now);

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
        await CheckOwnerAsync(details.OwnerId, DealsPermissions.DealsCreate, options, ct);
        await CheckReferencesAsync(details, null, options, ct);

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
            await CheckOwnerAsync(details.OwnerId, DealsPermissions.DealsUpdate, AsCaller, ct);
        }

        await CheckReferencesAsync(details, before, AsCaller, ct);
        deal.Apply(details, Now);
        await db.SaveChangesAsync(ct);
    }

    public Task DeleteAsync(Deal deal, CancellationToken ct) => db.SoftDeleteAsync(deal, Now, ct);

    public Task RestoreAsync(Deal deal, CancellationToken ct) => db.RestoreAsync(deal, Now, ct);

    /// <summary>
    /// Moves an open deal to an open stage. A stage of another pipeline is only accepted when the request names that
    /// pipeline too, so a stray id cannot silently carry a deal elsewhere.
    /// </summary>
    public async Task MoveAsync(Deal deal, MoveDealRequest request, CancellationToken ct)
    {
        var (pipeline, stage) = await catalog.FindStageAsync(request.StageId, ct) ?? throw UnknownStage("stageId", request.StageId);
        if (request.PipelineId is { } pipelineId && pipelineId != pipeline.Id)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["stageId"] = [$"The stage is not a stage of pipeline {pipelineId}."] });
        }

        if (pipeline.Id != deal.PipelineId && request.PipelineId is null)
        {
            throw Problems.BadRequest("deal.cross_pipeline_move",
                $"The stage belongs to another pipeline ({pipeline.Id}); name it as pipelineId to move the deal there.");
        }

        if (deal.MoveTo(stage, actor.Id, Now) is { } change)
        {
            db.StageHistory.Add(change);
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task WinAsync(Deal deal, CancellationToken ct)
    {
        var pipeline = await PipelineOfAsync(deal, ct);
        var change = deal.Win(pipeline.WonStage, actor.Id, Now);
        await session.InTransactionAsync(async token =>
        {
            db.StageHistory.Add(change);
            await db.SaveChangesAsync(token);
            await events.PublishAsync(new DealWon(deal.Id, deal.UnitIds.ToList()), token);
            return true;
        }, ct);
    }

    public async Task LoseAsync(Deal deal, string reason, CancellationToken ct)
    {
        var pipeline = await PipelineOfAsync(deal, ct);
        var change = deal.Lose(pipeline.LostStage, reason.Trim(), actor.Id, Now);
        await session.InTransactionAsync(async token =>
        {
            db.StageHistory.Add(change);
            await db.SaveChangesAsync(token);
            await events.PublishAsync(new DealLost(deal.Id, deal.UnitIds.ToList()), token);
            return true;
        }, ct);
    }

    /// <summary>Reopens a won or lost deal into the given open stage, or the one it was closed from, or the first open stage.</summary>
    public async Task ReopenAsync(Deal deal, Guid? stageId, CancellationToken ct)
    {
        if (deal.Status == DealStatus.Open)
        {
            throw Problems.Conflict("deal.not_closed", "The deal is open; only a won or lost deal can be reopened.");
        }

        var pipeline = await PipelineOfAsync(deal, ct);
        PipelineStage stage;
        if (stageId is { } id)
        {
            stage = pipeline.FindStage(id) is { Kind: PipelineStageKind.Open } open ? open : throw UnknownStage("stageId", id, "an open stage of the deal's pipeline");
        }
        else
        {
            var closedFrom = await db.StageHistory.AsNoTracking()
                .Where(h => h.DealId == deal.Id && (h.Action == DealStageAction.Won || h.Action == DealStageAction.Lost))
                .OrderByDescending(h => h.At).ThenByDescending(h => h.Id)
                .Select(h => h.FromStageId)
                .FirstOrDefaultAsync(ct);
            stage = (closedFrom is { } from ? pipeline.FindStage(from) : null) is { Kind: PipelineStageKind.Open } previous
                ? previous
                : pipeline.OpenStages.First();
        }

        db.StageHistory.Add(deal.Reopen(stage, actor.Id, Now));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<DealStageHistoryResponse>> HistoryAsync(Deal deal, CancellationToken ct)
    {
        var stages = await catalog.StagesAsync(ct);
        var rows = await db.StageHistory.AsNoTracking()
            .Where(h => h.DealId == deal.Id)
            .OrderBy(h => h.At).ThenBy(h => h.Id)
            .ToListAsync(ct);
        return rows.Select(h => new DealStageHistoryResponse(
            h.Id,
            h.Action,
            h.FromPipelineId,
            h.FromStageId,
            h.FromStageId is { } from ? stages.GetValueOrDefault(from)?.Name : null,
            h.ToPipelineId,
            h.ToStageId,
            stages.GetValueOrDefault(h.ToStageId)?.Name,
            h.At,
            h.ChangedBy,
            h.Reason)).ToList();
    }

    /// <summary>
    /// Open deals in a stage with rotting days that entered it before now minus those days: one OR term per such
    /// stage, each a (stage_id, stage_entered_at) range the stage index serves. Evaluated by the database.
    /// </summary>
    public async Task<Expression<Func<Deal, bool>>> RottingAsync(CancellationToken ct)
    {
        var now = Now;
        Expression<Func<Deal, bool>> result = d => false;
        Expression? body = null;
        var parameter = result.Parameters[0];
        foreach (var stage in (await catalog.AllAsync(ct)).SelectMany(p => p.Stages))
        {
            if (stage is not { Kind: PipelineStageKind.Open, RottingDays: { } days })
            {
                continue;
            }

            var stageId = stage.Id;
            var threshold = PipelineStage.RottingThreshold(days, now);
            Expression<Func<Deal, bool>> term = d => d.StageId == stageId && d.Status == DealStatus.Open && d.StageEnteredAt < threshold;
            var termBody = new ParameterSwap(term.Parameters[0], parameter).Visit(term.Body);
            body = body is null ? termBody : Expression.OrElse(body, termBody);
        }

        return body is null ? result : Expression.Lambda<Func<Deal, bool>>(body, parameter);
    }

    private static Expression<Func<Deal, bool>> Not(Expression<Func<Deal, bool>> predicate) =>
        Expression.Lambda<Func<Deal, bool>>(Expression.Not(predicate.Body), predicate.Parameters);

    /// <summary>The stage of a new deal: named, or the first open stage of the named (or default) pipeline.</summary>
    private async Task<PipelineStage> PlaceOfNewDealAsync(Guid? pipelineId, Guid? stageId, CancellationToken ct)
    {
        if (stageId is { } sid)
        {
            var (pipeline, stage) = await catalog.FindStageAsync(sid, ct) ?? throw UnknownStage("stageId", sid);
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

    private async Task<Pipeline> PipelineOfAsync(Deal deal, CancellationToken ct) =>
        (await catalog.AllAsync(ct)).First(p => p.Id == deal.PipelineId);

    /// <summary>403 when the scope does not reach the owner; 400 when the owner is no active user of the tenant.</summary>
    private async Task CheckOwnerAsync(Guid? ownerId, string permission, DealWriteOptions options, CancellationToken ct)
    {
        if (options.ApplyCallerScope && !await access.CoversAsync(permission, ownerId, ct))
        {
            throw Problems.Forbidden("deal.owner_out_of_scope", ownerId is null
                ? "Your access does not cover unassigned deals; name an owner."
                : $"Your '{permission}' scope does not let you give deals to user {ownerId}.");
        }

        if (ownerId is { } id && !(await users.ActiveUsersAsync([id], ct)).Contains(id))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["ownerId"] = [$"No active user {id} exists in this tenant."] });
        }
    }

    /// <summary>
    /// Contact, company, source lead and interested units must exist in the tenant and, for an API caller, be visible to
    /// them: one they cannot see gets the very answer of a missing one, so ids cannot be probed. Unchanged ids are not
    /// rechecked, so a unit deleted (or a contact reassigned) later does not block other edits of the deal.
    /// </summary>
    private async Task CheckReferencesAsync(DealDetails details, DealDetails? before, DealWriteOptions options, CancellationToken ct)
    {
        var visible = options.ApplyCallerScope;
        var errors = new Dictionary<string, string[]>();
        if (details.ContactId is { } contactId && contactId != before?.ContactId
            && !(visible ? await contacts.VisibleContactsAsync([contactId], ct) : await contacts.ExistingContactsAsync([contactId], ct)).Contains(contactId))
        {
            errors["contactId"] = [$"No contact {contactId} exists."];
        }

        if (details.CompanyId is { } companyId && companyId != before?.CompanyId
            && !(visible ? await contacts.VisibleCompaniesAsync([companyId], ct) : await contacts.ExistingCompaniesAsync([companyId], ct)).Contains(companyId))
        {
            errors["companyId"] = [$"No company {companyId} exists."];
        }

        if (details.SourceLeadId is { } leadId && leadId != before?.SourceLeadId
            && !(visible ? await leads.VisibleAsync([leadId], ct) : await leads.ExistingAsync([leadId], ct)).Contains(leadId))
        {
            errors["sourceLeadId"] = [$"No lead {leadId} exists."];
        }

        var newUnits = details.UnitIds.Except(before?.UnitIds ?? []).ToList();
        if (newUnits.Count > 0)
        {
            var known = visible ? await units.VisibleAsync(newUnits, ct) : await units.ExistingAsync(newUnits, ct);
            if (newUnits.Where(id => !known.Contains(id)).ToList() is { Count: > 0 } unknown)
            {
                errors["unitIds"] = [$"No unit {string.Join(", ", unknown)} exists."];
            }
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors);
        }
    }

    private static ApiProblemException UnknownStage(string field, Guid id, string what = "a stage of a pipeline you can see") =>
        Problems.Validation(new Dictionary<string, string[]> { [field] = [$"Stage {id} is not {what}."] });

    /// <summary>"open,won" into statuses (case-insensitive, as the API spells them); 400 for anything else.</summary>
    private static List<DealStatus> Statuses(string? value)
    {
        var names = Enum.GetValues<DealStatus>().ToDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);
        var statuses = new List<DealStatus>();
        foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            statuses.Add(names.TryGetValue(part, out var status)
                ? status
                : throw Problems.Validation(new Dictionary<string, string[]> { ["status"] = [$"status is one or more of {string.Join(", ", names.Keys)}."] }));
        }

        return statuses;
    }

    /// <summary>The ILIKE pattern of <c>q</c> (a contains search, its wildcards taken literally); null without q.</summary>
    private static string? SearchPattern(string? q)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return null;
        }

        if (q.Length > MaxSearchLength || !DealRules.NoControl(q))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["q"] = [$"q is at most {MaxSearchLength} characters, without control characters."] });
        }

        return LikePattern.Contains(q);
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
