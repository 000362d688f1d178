using System.Linq.Expressions;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.BuildingBlocks.Authorization;

/// <summary>
/// The current actor's access, per request: demands a permission (403) and turns its scope into a SQL filter on a
/// record's owner, so lists are filtered in the database and single records outside scope are simply not found.
/// "Own" scope covers the records of the actor's user, so it covers nothing for an API key (no user); neither scope
/// below "all" covers unassigned records.
/// </summary>
public sealed class AccessScope(IPermissionResolver resolver, ICurrentActor actor)
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

    /// <summary>A filter keeping the records whose owner the permission's scope covers; 403 when it is not granted.</summary>
    public async Task<Expression<Func<T, bool>>> OwnerFilterAsync<T>(string permission, Expression<Func<T, Guid?>> owner, CancellationToken cancellationToken)
    {
        var scope = await DemandAsync(permission, cancellationToken);
        return Filter(scope, await PermissionsAsync(cancellationToken), owner);
    }

    /// <summary>
    /// For references to records (another module's, or another record of the module): a filter keeping the records
    /// the actor may read under <paramref name="permission"/>, none when it is not granted, so a record the actor may
    /// not see answers exactly like a missing one. The system actor (jobs, seeding, commands) sees every record.
    /// </summary>
    public async Task<Expression<Func<T, bool>>> VisibleFilterAsync<T>(string permission, Expression<Func<T, Guid?>> owner, CancellationToken cancellationToken)
    {
        if (actor.Kind == ActorKind.System)
        {
            return Expression.Lambda<Func<T, bool>>(Expression.Constant(true), owner.Parameters[0]);
        }

        var permissions = await PermissionsAsync(cancellationToken);
        return Filter(permissions.ScopeOf(permission), permissions, owner);
    }

    /// <summary>
    /// The directories' <c>Visible…</c> answer: which of <paramref name="ids"/> name records of <paramref name="records"/>
    /// the actor may read under <paramref name="permission"/>, the owner's scope applied when the records have an
    /// owner (<paramref name="owner"/>; null: every record once the permission is granted). None when the permission
    /// is not granted; the system actor sees every record (see <see cref="VisibleFilterAsync"/>).
    /// </summary>
    public Task<IReadOnlySet<Guid>> VisibleIdsAsync<T>(
        IQueryable<T> records, string permission, Expression<Func<T, Guid?>>? owner, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
        where T : class, IEntity
    {
        ArgumentNullException.ThrowIfNull(records);
        return VisibleIdsAsync(ids, permission, async () => owner is null ? records : records.Where(await VisibleFilterAsync(permission, owner, cancellationToken)), cancellationToken);
    }

    /// <summary>
    /// Like <see cref="VisibleIdsAsync{T}(IQueryable{T}, string, Expression{Func{T, Guid?}}?, IReadOnlyCollection{Guid}, CancellationToken)"/>
    /// for records whose readable set the module builds itself (<paramref name="readable"/>, run only when there is
    /// something to look up and the permission is granted).
    /// </summary>
    public async Task<IReadOnlySet<Guid>> VisibleIdsAsync<T>(
        IReadOnlyCollection<Guid> ids, string permission, Func<Task<IQueryable<T>>> readable, CancellationToken cancellationToken)
        where T : class, IEntity
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(readable);
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0
            || (actor.Kind != ActorKind.System && (await PermissionsAsync(cancellationToken)).ScopeOf(permission) is null))
        {
            return new HashSet<Guid>();
        }

        var query = (await readable()).AsNoTracking().Where(r => wanted.Contains(r.Id)).Select(r => r.Id);
        return (await query.ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>Whether the actor may read a loaded record under <paramref name="permission"/> (see <see cref="VisibleFilterAsync"/>).</summary>
    public async Task<bool> SeesAsync(string permission, Guid? ownerId, CancellationToken cancellationToken) =>
        actor.Kind == ActorKind.System || await CoversAsync(permission, ownerId, cancellationToken);

    /// <summary>Whether a loaded record's owner is within the permission's scope (false when it is not granted).</summary>
    public async Task<bool> CoversAsync(string permission, Guid? ownerId, CancellationToken cancellationToken)
    {
        var permissions = await PermissionsAsync(cancellationToken);
        return permissions.ScopeOf(permission) switch
        {
            PermissionScope.All => true,
            PermissionScope.Group => ownerId is { } id && permissions.GroupMemberIds.Contains(id),
            PermissionScope.Own => ownerId is { } id && permissions.UserId is { } self && id == self,
            _ => false,
        };
    }

    private static Expression<Func<T, bool>> Filter<T>(PermissionScope? scope, EffectivePermissions permissions, Expression<Func<T, Guid?>> owner)
    {
        Expression body = scope switch
        {
            PermissionScope.All => Expression.Constant(true),
            PermissionScope.Group when permissions.GroupMemberIds.Count > 0 => Expression.Call(
                typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid?)],
                Expression.Constant(permissions.GroupMemberIds.Select(id => (Guid?)id).ToList()), owner.Body),

            // "owner = @me" must never become "owner IS NULL": a key has no user, and no scope below "all" covers
            // unassigned records.
            PermissionScope.Own when permissions.UserId is { } self => Expression.Equal(owner.Body, Expression.Constant((Guid?)self, typeof(Guid?))),
            _ => Expression.Constant(false),
        };
        return Expression.Lambda<Func<T, bool>>(body, owner.Parameters[0]);
    }
}
