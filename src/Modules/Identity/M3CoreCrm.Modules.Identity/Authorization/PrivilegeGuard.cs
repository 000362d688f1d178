using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;

namespace M3CoreCrm.Modules.Identity.Authorization;

/// <summary>
/// "Nobody gives what they do not have": a caller may grant a permission (in a custom role, by assigning a role, by
/// creating an API key) only with at most the scope it holds itself, and may manage a user only when it holds at
/// least every permission of that user. So users.manage and roles.manage cannot be turned into tenant.manage, and
/// an Admin cannot reset an Owner's password and log in as them.
/// </summary>
internal sealed class PrivilegeGuard(AccessScope access, PermissionResolver resolver)
{
    /// <summary>403 <c>auth.privilege_escalation</c> naming the grants beyond the caller's own.</summary>
    public async Task EnsureCanGrantAsync(IEnumerable<KeyValuePair<string, PermissionScope>> grants, CancellationToken ct)
    {
        var caller = await access.PermissionsAsync(ct);
        var beyond = grants.Where(g => !(caller.ScopeOf(g.Key) >= g.Value))
            .Select(g => $"{g.Key} ({g.Value.ToString().ToLowerInvariant()})")
            .Order(StringComparer.Ordinal)
            .ToList();
        if (beyond.Count > 0)
        {
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
        var caller = await access.PermissionsAsync(ct);
        var target = await resolver.LoadForUserAsync(userId, ct);
        if (target.Grants.Any(g => !(caller.ScopeOf(g.Key) >= g.Value)))
        {
            throw Problems.Forbidden("user.outranks_caller",
                "This user holds permissions you do not have; only someone with at least the same permissions can manage them.");
        }
    }
}
