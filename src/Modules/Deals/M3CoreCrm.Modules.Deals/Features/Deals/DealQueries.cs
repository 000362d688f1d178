using System.Linq.Expressions;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Pipelines;
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
/// The deal reads shared by the endpoints, the board, the forecast and the directory. A deal is visible when the
/// permission's scope covers its owner and the caller sees its pipeline; otherwise it does not exist (404).
/// </summary>
internal sealed class DealQueries(DealsDbContext db, PipelineCatalog catalog, AccessScope access, TimeProvider clock)
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
            // Bounded (see BoundedSearch) so that a common term does not sort every match for each page.
            query = await BoundedSearch.WhereMatchesAsync(
                query,
                DealSearch.Newest(db),
                q => DealSearch.FilterMatches(q, pattern),
                (maxRows, token) => DealSearch.FirstMatchesAsync(db, pattern, maxRows, token),
                ids => d => ids.Contains(d.Id),
                ct);
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

    public async Task<IReadOnlyList<DealStageHistoryResponse>> HistoryAsync(Deal deal, CancellationToken ct)
    {
        var rows = await db.StageHistory.AsNoTracking()
            .Where(h => h.DealId == deal.Id)
            .OrderBy(h => h.At).ThenBy(h => h.Id)
            .ToListAsync(ct);
        return rows.Select(h => new DealStageHistoryResponse(
            h.Id,
            h.Action,
            h.FromPipelineId,
            h.FromStageId,
            h.FromStageName,
            h.ToPipelineId,
            h.ToStageId,
            h.ToStageName,
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
