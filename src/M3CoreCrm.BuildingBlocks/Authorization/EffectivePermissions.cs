namespace M3CoreCrm.BuildingBlocks.Authorization;

/// <summary>
/// What an actor may do: each granted permission with its widest scope (the most permissive role wins), and the
/// users whose records "group" scope covers (members of the actor's groups, the actor included).
/// </summary>
public sealed record EffectivePermissions(
    Guid? UserId,
    IReadOnlyDictionary<string, PermissionScope> Grants,
    IReadOnlyList<Guid> GroupMemberIds)
{
    public PermissionScope? ScopeOf(string permission) => Grants.TryGetValue(permission, out var scope) ? scope : null;
}

/// <summary>Implemented by Identity: resolves (and caches) the effective permissions of the current actor.</summary>
public interface IPermissionResolver
{
    Task<EffectivePermissions> ResolveCurrentAsync(CancellationToken cancellationToken);
}
