using M3CoreCrm.BuildingBlocks.Http;

namespace M3CoreCrm.BuildingBlocks.Authorization;

/// <summary>
/// Who may own a record that the caller creates, changes or assigns, by the scope of the permission used: own scope
/// gives the caller's own records only, group scope the members of the caller's groups, all scope any active user
/// (or nobody: unassigned). A user outside the scope is refused like an unknown one would be under that scope (403),
/// so the check reveals nothing about users the caller may not give records to.
/// </summary>
public sealed class OwnerPolicy(AccessScope access, IActiveUsers users)
{
    /// <summary>
    /// 403 <c>{entity}.owner_out_of_scope</c> when the scope of <paramref name="permission"/> does not reach the owner
    /// (null: unassigned); 400 on <paramref name="field"/> when it is no active user of the tenant.
    /// </summary>
    public async Task EnsureAllowedAsync(Guid? ownerId, string permission, string entity, string field, CancellationToken cancellationToken)
    {
        if (!await access.CoversAsync(permission, ownerId, cancellationToken))
        {
            throw Problems.Forbidden($"{entity}.owner_out_of_scope", ownerId is null
                ? $"Your '{permission}' scope does not cover unassigned records; name an owner."
                : $"Your '{permission}' scope does not let you give a {entity} to user {ownerId}.");
        }

        if (ownerId is { } id && !(await users.ActiveUsersAsync([id], cancellationToken)).Contains(id))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { [field] = [$"No active user {id} exists in this tenant."] });
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
