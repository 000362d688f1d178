using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Groups;

/// <summary>Reads of groups: the filtered keyset list, one group, and the response shape with members.</summary>
internal sealed class GroupQueries(IdentityDbContext db, CursorCodec cursors)
{
    private static readonly SortCatalog<Group> Sorts = new(
        SortField<Group>.For("id", g => g.Id),
        "name",
        SortField<Group>.For("name", g => g.Name),
        SortField<Group>.For("createdAt", g => g.CreatedAt));

    public async Task<Page<GroupResponse>> ListAsync(GroupListQuery filter, PageQuery page, CancellationToken ct)
    {
        var query = db.Groups.AsNoTracking();
        if (filter.Q is { Length: > 0 } q)
        {
            var pattern = LikePattern.Contains(q);
            query = query.Where(g => EF.Functions.ILike(g.Name, pattern, LikePattern.Escape));
        }

        if (filter.MemberId is { } memberId)
        {
            query = query.Where(g => db.GroupMembers.Any(m => m.GroupId == g.Id && m.UserId == memberId));
        }

        var result = await Keyset.PageAsync(query, Sorts.Parse(page.Sort), page, cursors, g => g, ct);
        return new Page<GroupResponse>(await ToResponsesAsync(result.Items, ct), result.NextCursor, result.Total);
    }

    public Task<Group> FindAsync(Guid id, CancellationToken ct) => db.Groups.AsNoTracking().FindOrNotFoundAsync(id, "group", ct);

    public async Task<GroupResponse> ToResponseAsync(Group group, CancellationToken ct) => (await ToResponsesAsync([group], ct))[0];

    private async Task<List<GroupResponse>> ToResponsesAsync(IReadOnlyList<Group> groups, CancellationToken ct)
    {
        var ids = groups.Select(g => g.Id).ToList();
        var members = (await db.GroupMembers.Where(m => ids.Contains(m.GroupId))
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, u.Id, u.DisplayName, u.Email, u.Status })
                .ToListAsync(ct))
            .ToLookup(m => m.GroupId);
        return groups.Select(g => new GroupResponse(
            g.Id,
            g.Name,
            g.Description,
            members[g.Id].OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase)
                .Select(m => new GroupMemberResponse(m.Id, m.DisplayName, m.Email, m.Status)).ToList(),
            g.CreatedAt,
            g.UpdatedAt)).ToList();
    }
}
