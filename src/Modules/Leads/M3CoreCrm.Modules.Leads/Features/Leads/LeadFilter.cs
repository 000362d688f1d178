using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Domain;
using Microsoft.AspNetCore.Mvc;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>The filters of the lead list and of the CSV export (query parameters).</summary>
internal sealed record LeadFilter
{
    internal const int SearchMin = 3;
    internal const int SearchMax = 100;

    /// <summary>Comma-separated statuses: new, contacted, qualified, converted, unqualified.</summary>
    [FromQuery(Name = "status")]
    public string? Status { get; init; }

    /// <summary>Comma-separated sources: website, portal, referral, walkIn, campaign, social, other.</summary>
    [FromQuery(Name = "source")]
    public string? Source { get; init; }

    /// <summary>Leads of this owner.</summary>
    [FromQuery(Name = "ownerId")]
    public Guid? OwnerId { get; init; }

    /// <summary>Leads owned by a member of this group.</summary>
    [FromQuery(Name = "groupId")]
    public Guid? GroupId { get; init; }

    /// <summary>Comma-separated tags; a lead must have all of them.</summary>
    [FromQuery(Name = "tags")]
    public string? Tags { get; init; }

    /// <summary>Created at or after this instant (ISO 8601).</summary>
    [FromQuery(Name = "createdFrom")]
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before this instant (ISO 8601).</summary>
    [FromQuery(Name = "createdTo")]
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>
    /// Case-insensitive contains search on name, email and phone, 3 to 100 characters. A phone-like term (digits,
    /// spaces, +, -, ., brackets) is matched on its digits, so "050 123" finds +97150123....
    /// </summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    internal static readonly SortCatalog<Lead> Sorts = new(
        SortField<Lead>.For("id", l => l.Id),
        "-createdAt",
        SortField<Lead>.For("createdAt", l => l.CreatedAt),
        SortField<Lead>.For("updatedAt", l => l.UpdatedAt),
        SortField<Lead>.For("name", l => l.FullName));

    /// <summary>The leads the caller may read, filtered as asked; 400 naming the parameter for a bad value.</summary>
    internal async Task<IQueryable<Lead>> ApplyAsync(LeadQueries finder, LeadsDbContext db, IUserDirectory users, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var statuses = ParseList<LeadStatus>(Status, "status", errors);
        var sources = ParseList<LeadSource>(Source, "source", errors);
        var tags = Tags is null ? [] : Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (tags.Count > LeadRules.TagsMax || tags.Any(t => !LeadRules.IsValidTag(t)))
        {
            errors["tags"] = [$"tags is a comma-separated list of at most {LeadRules.TagsMax} valid tags."];
        }

        if (CreatedFrom is { } from && CreatedTo is { } to && from > to)
        {
            errors["createdTo"] = ["createdTo must not be before createdFrom."];
        }

        var pattern = SearchPattern(Q, errors);
        if (errors.Count > 0)
        {
            throw Problems.Validation(errors);
        }

        var query = await finder.ScopedAsync(LeadsPermissions.Read, tracked: false, cancellationToken);
        // One value is an equality, so the (tenant_id, status|source, created_at, id) index returns rows in sort order.
        if (statuses.Count == 1)
        {
            var status = statuses[0];
            query = query.Where(l => l.Status == status);
        }
        else if (statuses.Count > 1)
        {
            query = query.Where(l => statuses.Contains(l.Status));
        }

        if (sources.Count == 1)
        {
            var source = sources[0];
            query = query.Where(l => l.Source == source);
        }
        else if (sources.Count > 1)
        {
            query = query.Where(l => sources.Contains(l.Source));
        }

        if (OwnerId is { } ownerId)
        {
            query = query.Where(l => l.OwnerId == ownerId);
        }

        if (GroupId is { } groupId)
        {
            var members = (await users.GroupMembersAsync(groupId, cancellationToken)).Select(id => (Guid?)id).ToList();
            query = query.Where(l => members.Contains(l.OwnerId));
        }


        if (CreatedFrom is { } createdFrom)
        {
            query = query.Where(l => l.CreatedAt >= createdFrom);
        }

        if (CreatedTo is { } createdTo)
        {
            query = query.Where(l => l.CreatedAt < createdTo);
        }

        // Search and tags through the SECURITY DEFINER match function, so their GIN indexes are usable under RLS;
        // a search is bounded (see BoundedSearch) so that a common term does not sort every match for each page.
        var requiredTags = LeadRules.NormalizeTags(tags);
        if (pattern is not null)
        {
            query = await BoundedSearch.WhereMatchesAsync(
                query,
                LeadSearch.Newest(db),
                q => LeadSearch.FilterMatches(q, pattern, requiredTags),
                (maxRows, ct) => LeadSearch.FirstMatchesAsync(db, pattern, requiredTags, maxRows, ct),
                ids => l => ids.Contains(l.Id),
                cancellationToken);
        }
        else if (tags.Count > 0)
        {
            var matches = LeadSearch.Match(db, pattern, requiredTags);
            query = query.Where(l => matches.Contains(l.Id));
        }

        return query;
    }

    private static List<T> ParseList<T>(string? value, string field, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        var result = new List<T>();
        if (value is null)
        {
            return result;
        }

        var names = Enum.GetValues<T>().ToDictionary(v => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (names.TryGetValue(part, out var parsed))
            {
                result.Add(parsed);
            }
            else
            {
                errors[field] = [$"'{Shorten(part)}' is not a {field}. Allowed: {string.Join(", ", names.Keys)}."];
                break;
            }
        }

        return result;
    }

    /// <summary>The ILIKE pattern of q ('%term%', with %, _ and \ escaped by LikePattern), or null without q.</summary>
    internal static string? SearchPattern(string? q, Dictionary<string, string[]> errors)
    {
        if (q is null)
        {
            return null;
        }

        var term = q.Trim();
        if (term.Length is < SearchMin or > SearchMax || !LeadRules.IsCleanText(term))
        {
            errors["q"] = [$"q is {SearchMin} to {SearchMax} characters (the trigram index needs at least {SearchMin})."];
            return null;
        }

        if (term.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '.' or '(' or ')'))
        {
            var digits = new string(term.Where(char.IsAsciiDigit).ToArray()).TrimStart('0');
            if (digits.Length >= SearchMin)
            {
                term = digits;
            }
        }

        return LikePattern.Contains(term);
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
