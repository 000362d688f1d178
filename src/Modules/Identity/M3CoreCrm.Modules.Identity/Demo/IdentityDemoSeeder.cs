using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;
using M3CoreCrm.Modules.Identity.Infrastructure.Authorization;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Demo;

/// <summary>
/// The demo tenant's sales team: "Marina Team" with the manager and two agents, so "group" scope has something to
/// show (the manager sees the team's records; the third agent works alone). Also a read-only API key of a reporting
/// integration, so the key list is not empty (its secret is discarded: it authenticates nobody).
/// </summary>
internal sealed class IdentityDemoSeeder(IdentityDbContext db, ApiKeySettings apiKeys, TimeProvider clock) : IDemoDataSeeder
{
    internal const string TeamName = "Marina Team";
    internal const string ReportingKeyName = "Reporting dashboard (read-only)";

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

        var now = clock.GetUtcNow();
        var team = Group.Create(TeamName, "Sales team for the Dubai Marina towers.", now);
        db.Groups.Add(team);
        db.GroupMembers.AddRange(members.Select(userId => new GroupMember { GroupId = team.Id, UserId = userId }));

        var viewer = await db.Roles.Where(r => r.IsSystem && r.Name == SystemRoles.Viewer).Select(r => r.Id).FirstAsync(cancellationToken);
        var secret = ApiKeyCodec.Create(context.TenantId);
        db.ApiKeys.Add(ApiKey.Create(Guid.CreateVersion7(), ReportingKeyName, viewer, ApiKeyCodec.HashOf(secret), ApiKeyCodec.HintOf(secret),
            expiresAt: now + apiKeys.MaxLifetime, createdByUserId: context.OwnerUserId, now));
        await db.SaveChangesAsync(cancellationToken);
    }
}
