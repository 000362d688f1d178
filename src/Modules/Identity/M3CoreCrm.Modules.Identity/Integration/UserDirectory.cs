using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Integration;

/// <summary>Answers other modules' questions about users and groups, inside the caller's unit of work.</summary>
internal sealed class UserDirectory(IdentityDbContext db) : IUserDirectory, IActiveUsers
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
