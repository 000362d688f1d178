namespace M3CoreCrm.Modules.Identity.Contracts;

/// <summary>Read access to the current tenant's users and groups for other modules (owners, assignment, restrictions).</summary>
public interface IUserDirectory
{
    /// <summary>The ids among <paramref name="ids"/> that are active users of the current tenant.</summary>
    Task<IReadOnlySet<Guid>> ActiveUsersAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// The ids among <paramref name="ids"/> of active users of the current tenant whose roles grant
    /// <paramref name="permission"/> at any scope (own is the narrowest, so: at own scope or wider).
    /// </summary>
    Task<IReadOnlySet<Guid>> HoldingAsync(IReadOnlyCollection<Guid> ids, string permission, CancellationToken cancellationToken);

    /// <summary>
    /// The active members of a group of the current tenant, ordered by user id (a stable order for round-robin);
    /// empty for an unknown group.
    /// </summary>
    Task<IReadOnlyList<Guid>> GroupMembersAsync(Guid groupId, CancellationToken cancellationToken);

    /// <summary>The groups of the current tenant that <paramref name="userId"/> is a member of (empty for an unknown user).</summary>
    Task<IReadOnlySet<Guid>> GroupsOfAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The ids among <paramref name="groupIds"/> that are groups of the current tenant.</summary>
    Task<IReadOnlySet<Guid>> ExistingGroupsAsync(IReadOnlyCollection<Guid> groupIds, CancellationToken cancellationToken);
}
