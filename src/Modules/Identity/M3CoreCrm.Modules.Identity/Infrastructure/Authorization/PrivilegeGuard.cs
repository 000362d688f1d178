using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.Modules.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Authorization;

/// <summary>
/// "Nobody gives what they do not have": a caller may grant a permission (in a custom role, by assigning a role, by
/// creating an API key) only with at most the scope it holds itself, may manage a user or revoke an API key only when
/// it holds at least every permission of that user or key, and may not change memberships so that its own "group"
/// scope covers more people. So users.manage and roles.manage cannot be turned into tenant.manage, an Admin cannot
/// reset an Owner's password and log in as them, and groups.manage cannot widen its holder's reach. Every refusal is
/// audited (action <c>privilege_escalation.denied</c>) and written to the security log.
/// </summary>
internal sealed partial class PrivilegeGuard(
    AccessScope access,
    PermissionResolver resolver,
    IdentityDbContext db,
    ICurrentActor actor,
    IAuditLog audit,
    ILogger<PrivilegeGuard> logger)
{
    /// <summary>403 <c>auth.privilege_escalation</c> naming the grants beyond the caller's own.</summary>
    public async Task EnsureCanGrantAsync(IEnumerable<KeyValuePair<string, PermissionScope>> grants, CancellationToken ct)
    {
        var beyond = await BeyondCallerAsync(grants, ct);
        if (beyond.Count > 0)
        {
            await DenyAsync("grant", new { beyond }, ct);
            throw Problems.Forbidden("auth.privilege_escalation",
                $"You cannot grant what you do not hold yourself: {string.Join(", ", beyond)}.");
        }
    }

    /// <summary>Checks the grants of roles about to be given to someone (a user or an API key).</summary>
    public async Task EnsureCanAssignRolesAsync(IReadOnlyCollection<Guid> roleIds, CancellationToken ct) =>
        await EnsureCanGrantAsync(await resolver.GrantsOfRolesAsync(roleIds, ct), ct);

    /// <summary>403 <c>user.outranks_caller</c> when the user holds a permission (or scope) the caller lacks.</summary>
    public async Task EnsureCanManageUserAsync(Guid userId, CancellationToken ct)
    {
        var target = await resolver.LoadForUserAsync(userId, ct);
        var beyond = await BeyondCallerAsync(target.Grants, ct);
        if (beyond.Count > 0)
        {
            await DenyAsync("manage_user", new { userId, beyond }, ct);
            throw Problems.Forbidden("user.outranks_caller",
                "This user holds permissions you do not have; only someone with at least the same permissions can manage them.");
        }
    }

    /// <summary>403 <c>apikey.outranks_caller</c> when the key can do something the caller cannot.</summary>
    public async Task EnsureCanManageApiKeyAsync(Guid keyId, CancellationToken ct)
    {
        var key = await resolver.LoadForApiKeyAsync(keyId, ct);
        var beyond = await BeyondCallerAsync(key.Grants, ct);
        if (beyond.Count > 0)
        {
            await DenyAsync("manage_api_key", new { keyId, beyond }, ct);
            throw Problems.Forbidden("apikey.outranks_caller",
                $"This API key holds permissions you do not have ({string.Join(", ", beyond)}); only someone with at least the same permissions can revoke it.");
        }
    }

    /// <summary>
    /// 403 <c>auth.privilege_escalation</c> when the new member lists of <paramref name="membersAfter"/> (group id to
    /// its complete member list after the change) would put someone new within the caller's own "group" scope: a
    /// holder of groups.manage or users.manage who works at group scope cannot join a team, or bring people into
    /// theirs, to see more records. Callers without a group-scoped grant (all-scope administrators, API keys, whose
    /// group scope covers nobody) are not limited.
    /// </summary>
    public async Task EnsureMembershipKeepsCallerScopeAsync(IReadOnlyDictionary<Guid, IReadOnlyCollection<Guid>> membersAfter, CancellationToken ct)
    {
        var caller = await access.PermissionsAsync(ct);
        if (actor.UserId is not { } callerId || !caller.Grants.Values.Any(scope => scope == PermissionScope.Group) || membersAfter.Count == 0)
        {
            return;
        }

        var changed = membersAfter.Keys.ToList();
        var current = (await resolver.LoadForUserAsync(callerId, ct)).GroupMemberIds.ToHashSet();
        var otherGroups = await db.GroupMembers.Where(m => m.UserId == callerId && !changed.Contains(m.GroupId)).Select(m => m.GroupId).ToListAsync(ct);
        var after = await db.GroupMembers.Where(m => otherGroups.Contains(m.GroupId)).Select(m => m.UserId).ToListAsync(ct);
        after.AddRange(membersAfter.Values.Where(members => members.Contains(callerId)).SelectMany(members => members));

        var newcomers = after.Where(id => id != callerId && !current.Contains(id)).Distinct().Order().ToList();
        if (newcomers.Count > 0)
        {
            await DenyAsync("widen_group_scope", new { newcomers }, ct);
            throw Problems.Forbidden("auth.privilege_escalation",
                "This membership change would widen your own group scope (you would see the records of more people); ask someone with all-scope access.");
        }
    }

    private async Task<List<string>> BeyondCallerAsync(IEnumerable<KeyValuePair<string, PermissionScope>> grants, CancellationToken ct)
    {
        var caller = await access.PermissionsAsync(ct);
        return grants.Where(g => !(caller.ScopeOf(g.Key) >= g.Value))
            .Select(g => $"{g.Key} ({g.Value.ToString().ToLowerInvariant()})")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Audits the refusal in the tenant's log (inside the request's transaction, when an Idempotency-Key opened one,
    /// it rolls back with the request) and writes it to the security log, which nothing rolls back.
    /// </summary>
    private async Task DenyAsync(string attempt, object details, CancellationToken ct)
    {
        LogDenied(logger, attempt, actor.Kind.ToString(), actor.Id);
        await audit.RecordAsync("privilege_escalation.denied", "security", attempt, actor.UserId, details, ct);
    }

    [LoggerMessage(EventId = 4031, Level = LogLevel.Warning, Message = "Security: privilege escalation denied ({Attempt}) for {ActorKind} {ActorId}")]
    private static partial void LogDenied(ILogger logger, string attempt, string actorKind, Guid? actorId);
}
