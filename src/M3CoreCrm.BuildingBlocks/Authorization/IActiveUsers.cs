namespace M3CoreCrm.BuildingBlocks.Authorization;

/// <summary>Implemented by Identity: which users of the current tenant are active (owners and assignees must be).</summary>
public interface IActiveUsers
{
    /// <summary>The ids among <paramref name="ids"/> that are active users of the current tenant.</summary>
    Task<IReadOnlySet<Guid>> ActiveUsersAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}
