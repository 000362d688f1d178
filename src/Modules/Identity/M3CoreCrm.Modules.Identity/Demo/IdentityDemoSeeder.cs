using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Identity.Authorization;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Demo;

/// <summary>
/// The demo tenant's sales team: "Marina Team" with the manager and two agents, so "group" scope has something to
/// show (the manager sees the team's records; the third agent works alone).
/// </summary>
internal sealed class IdentityDemoSeeder(IdentityDbContext db, TimeProvider clock) : IDemoDataSeeder
{
    internal const string TeamName = "Marina Team";

    public int Order => 0;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        if (await db.Groups.AnyAsync(g => g.Name == TeamName, cancellationToken))
        {
            return;
        }

        var people = context.AgentUserIds.ToList();
        var byRole = await db.UserRoles.Where(ur => people.Contains(ur.UserId))
            .Join(db.Roles.Where(r => r.IsSystem), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, Role = r.Name })
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new { x.UserId, x.Role, u.Email })
            .ToListAsync(cancellationToken);
        var members = byRole.Where(x => x.Role == SystemRoles.Manager).Take(1)
            .Concat(byRole.Where(x => x.Role == SystemRoles.Agent).OrderBy(x => x.Email, StringComparer.Ordinal).Take(2))
            .Select(x => x.UserId)
            .Distinct()
            .ToList();

        var team = Group.Create(TeamName, "Sales team for the Dubai Marina towers.", clock.GetUtcNow());
        db.Groups.Add(team);
        db.GroupMembers.AddRange(members.Select(userId => new GroupMember { GroupId = team.Id, UserId = userId }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
