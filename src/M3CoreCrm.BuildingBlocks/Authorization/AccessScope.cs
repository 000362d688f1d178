using System.Linq.Expressions;
using M3CoreCrm.BuildingBlocks.Http;

namespace M3CoreCrm.BuildingBlocks.Authorization;

/// <summary>
/// The current actor's access, per request: demands a permission (403) and turns its scope into a SQL filter on a
/// record's owner, so lists are filtered in the database and single records outside scope are simply not found.
/// </summary>
public sealed class AccessScope(IPermissionResolver resolver)
{
    private EffectivePermissions? _permissions;

    public async Task<EffectivePermissions> PermissionsAsync(CancellationToken cancellationToken) =>
        _permissions ??= await resolver.ResolveCurrentAsync(cancellationToken);

    /// <summary>The scope of the permission; 403 when it is not granted.</summary>
    public async Task<PermissionScope> DemandAsync(string permission, CancellationToken cancellationToken)
    {
        var permissions = await PermissionsAsync(cancellationToken);
        return permissions.ScopeOf(permission)
            ?? throw Problems.Forbidden("auth.permission_denied", $"This action needs the permission '{permission}'.");
    }

    /// <summary>A filter keeping the records whose owner the permission's scope covers.</summary>
    public async Task<Expression<Func<T, bool>>> OwnerFilterAsync<T>(string permission, Expression<Func<T, Guid?>> owner, CancellationToken cancellationToken)
    {
        var scope = await DemandAsync(permission, cancellationToken);
        var permissions = await PermissionsAsync(cancellationToken);
        var parameter = owner.Parameters[0];
        Expression body = scope switch
        {
            PermissionScope.All => Expression.Constant(true),
            PermissionScope.Group => Expression.Call(
                typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid?)],
                Expression.Constant(permissions.GroupMemberIds.Select(id => (Guid?)id).ToList()), owner.Body),
            _ => Expression.Equal(owner.Body, Expression.Constant(permissions.UserId, typeof(Guid?))),
        };
        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    /// <summary>Whether a loaded record's owner is within the permission's scope.</summary>
    public async Task<bool> CoversAsync(string permission, Guid? ownerId, CancellationToken cancellationToken)
    {
        var permissions = await PermissionsAsync(cancellationToken);
        return permissions.ScopeOf(permission) switch
        {
            PermissionScope.All => true,
            PermissionScope.Group => ownerId is { } id && permissions.GroupMemberIds.Contains(id),
            PermissionScope.Own => ownerId is { } id && id == permissions.UserId,
            _ => false,
        };
    }
}
