using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Identity.Contracts;

namespace M3CoreCrm.Modules.Leads.Services;

/// <summary>
/// Who may own a lead that the caller creates, imports or assigns, by the scope of the permission used: own scope
/// gives the caller's own leads only, group scope the members of the caller's groups, all scope any active user.
/// </summary>
internal sealed class OwnerPolicy(AccessScope access, IUserDirectory users)
{
    /// <summary>
    /// The owner of a new lead: the requested one when allowed; else the caller for own scope; else null (left to the
    /// round-robin rules). 403 for an owner outside the scope, 400 for one that is not an active user.
    /// </summary>
    public async Task<(Guid? Owner, bool Decided)> ForNewLeadAsync(Guid? requested, string permission, CancellationToken cancellationToken)
    {
        var scope = await access.DemandAsync(permission, cancellationToken);
        var permissions = await access.PermissionsAsync(cancellationToken);
        if (requested is null)
        {
            return scope == PermissionScope.Own ? (permissions.UserId, true) : (null, false);
        }

        await EnsureAllowedAsync(requested.Value, permission, "ownerId", cancellationToken);
        return (requested, true);
    }

    /// <summary>403 when the scope of <paramref name="permission"/> does not reach the user; 400 when it is no active user.</summary>
    public async Task EnsureAllowedAsync(Guid userId, string permission, string field, CancellationToken cancellationToken)
    {
        if (!await access.CoversAsync(permission, userId, cancellationToken))
        {
            throw Problems.Forbidden("lead.owner_out_of_scope",
                $"Your '{permission}' scope does not let you give leads to user {userId}.");
        }

        var active = await users.ActiveUsersAsync([userId], cancellationToken);
        if (!active.Contains(userId))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { [field] = [$"No active user {userId} exists in this tenant."] });
        }
    }

    /// <summary>For imports: the owners among <paramref name="requested"/> that the scope allows and that are active users.</summary>
    public async Task<(IReadOnlySet<Guid> Allowed, IReadOnlySet<Guid> OutOfScope)> CheckManyAsync(
        IReadOnlyCollection<Guid> requested, string permission, CancellationToken cancellationToken)
    {
        var outOfScope = new HashSet<Guid>();
        foreach (var id in requested)
        {
            if (!await access.CoversAsync(permission, id, cancellationToken))
            {
                outOfScope.Add(id);
            }
        }

        var active = await users.ActiveUsersAsync(requested.Except(outOfScope).ToList(), cancellationToken);
        return (active, outOfScope);
    }
}
