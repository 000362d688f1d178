using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Users;

/// <summary>Reads of users: the filtered keyset list, one user, and the response shape with roles and groups.</summary>
internal sealed class UserQueries(IdentityDbContext db, CursorCodec cursors)
{
    private static readonly SortCatalog<User> Sorts = new(
        SortField<User>.For("id", u => u.Id),
        "displayName",
        SortField<User>.For("displayName", u => u.DisplayName),
        SortField<User>.For("email", u => u.Email),
        SortField<User>.For("createdAt", u => u.CreatedAt));

    public async Task<Page<UserResponse>> ListAsync(UserListQuery filter, PageQuery page, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (filter.Status is { Length: > 0 } text)
        {
            var status = ParseStatus(text);
            query = query.Where(u => u.Status == status);
        }

        if (filter.RoleId is { } roleId)
        {
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }

        if (filter.GroupId is { } groupId)
        {
            query = query.Where(u => db.GroupMembers.Any(m => m.UserId == u.Id && m.GroupId == groupId));
        }

        if (filter.Q is { Length: > 0 } q)
        {
            var pattern = LikePattern.Contains(q);
            query = query.Where(u => EF.Functions.ILike(u.DisplayName, pattern, LikePattern.Escape) || EF.Functions.ILike(u.Email, pattern, LikePattern.Escape));
        }

        var result = await Keyset.PageAsync(query, Sorts.Parse(page.Sort), page, cursors, u => u, ct);
        return new Page<UserResponse>(await ToResponsesAsync(result.Items, ct), result.NextCursor, result.Total);
    }

    public async Task<User> FindAsync(Guid id, CancellationToken ct) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw NotFound(id);

    public async Task<UserResponse> ToResponseAsync(User user, CancellationToken ct) => (await ToResponsesAsync([user], ct))[0];

    public async Task<List<UserResponse>> ToResponsesAsync(IReadOnlyList<User> users, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Id, r.Name, r.IsSystem })
                .ToListAsync(ct))
            .ToLookup(r => r.UserId);
        var groups = (await db.GroupMembers.Where(m => ids.Contains(m.UserId))
                .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, g.Id, g.Name })
                .ToListAsync(ct))
            .ToLookup(g => g.UserId);
        return users.Select(u => new UserResponse(
            u.Id,
            u.Email,
            u.DisplayName,
            u.Status,
            roles[u.Id].OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => new UserRoleSummary(r.Id, r.Name, r.IsSystem)).ToList(),
            groups[u.Id].OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => new UserGroupSummary(g.Id, g.Name)).ToList(),
            u.CreatedAt,
            u.UpdatedAt,
            u.LastLoginAt,
            u.PasswordChangedAt)).ToList();
    }

    internal static ApiProblemException NotFound(Guid id) => Problems.NotFound("user", id);

    private static UserStatus ParseStatus(string text) =>
        Enum.TryParse<UserStatus>(text, ignoreCase: true, out var status) && char.IsLetter(text[0])
            ? status
            : throw Problems.BadRequest("user.invalid_status", "status must be 'active' or 'disabled'.");
}
