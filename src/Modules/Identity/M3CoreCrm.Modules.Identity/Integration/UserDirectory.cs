using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using M3CoreCrm.Modules.Identity.Infrastructure.Authorization;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Integration;

/// <summary>Answers other modules' questions about users and groups, inside the caller's unit of work.</summary>
internal sealed class UserDirectory(IdentityDbContext db, PermissionCatalog catalog) : IUserDirectory, IActiveUsers
{
    public async Task<IReadOnlySet<Guid>> ActiveUsersAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var wanted = ids.Distinct().ToList();
        var found = await db.Users.AsNoTracking()
            .Where(u => wanted.Contains(u.Id) && u.Status == UserStatus.Active)
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        return found.ToHashSet();
    }

    public async Task<IReadOnlySet<Guid>> HoldingAsync(IReadOnlyCollection<Guid> ids, string permission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var held = await db.UserRoles.AsNoTracking()
            .Where(ur => wanted.Contains(ur.UserId))
            .Join(db.Users.Where(u => u.Status == UserStatus.Active), ur => ur.UserId, u => u.Id, (ur, u) => new { ur.UserId, ur.RoleId })
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Id, r.Name, r.IsSystem })
            .ToListAsync(cancellationToken);
        var customIds = held.Where(r => !r.IsSystem).Select(r => r.Id).Distinct().ToList();
        var granting = customIds.Count == 0
            ? []
            : (await db.RoleGrants.AsNoTracking().Where(g => customIds.Contains(g.RoleId) && g.Permission == permission)
                .Select(g => g.RoleId).ToListAsync(cancellationToken)).ToHashSet();
        return held
            .Where(r => r.IsSystem ? SystemRoles.GrantsOf(r.Name, catalog).Any(g => g.Permission == permission) : granting.Contains(r.Id))
            .Select(r => r.UserId)
            .ToHashSet();
    }

    public async Task<IReadOnlyList<Guid>> GroupMembersAsync(Guid groupId, CancellationToken cancellationToken) =>
        await db.GroupMembers.AsNoTracking()
            .Where(m => m.GroupId == groupId)
            .Join(db.Users.Where(u => u.Status == UserStatus.Active), m => m.UserId, u => u.Id, (m, u) => u.Id)
            .OrderBy(id => id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlySet<Guid>> GroupsOfAsync(Guid userId, CancellationToken cancellationToken) =>
        (await db.GroupMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => m.GroupId)
            .ToListAsync(cancellationToken)).ToHashSet();

    public async Task<IReadOnlySet<Guid>> ExistingGroupsAsync(IReadOnlyCollection<Guid> groupIds, CancellationToken cancellationToken)
    {
        if (groupIds.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var wanted = groupIds.Distinct().ToList();
        return (await db.Groups.AsNoTracking()
            .Where(g => wanted.Contains(g.Id))
            .Select(g => g.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
    }
}
