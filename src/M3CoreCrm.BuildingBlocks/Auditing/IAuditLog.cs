namespace M3CoreCrm.BuildingBlocks.Auditing;

/// <summary>Security events (logins, lockouts, token reuse, role changes) for the audit log of the current tenant.</summary>
public interface IAuditLog
{
    /// <summary>
    /// Records <paramref name="action"/> (e.g. "login.failed") about a subject, in the unit of work's transaction
    /// when one is open. <paramref name="details"/> is serialized as JSON and must hold no secrets.
    /// </summary>
    Task RecordAsync(string action, string entityType, string? entityId, Guid? actorUserId, object? details, CancellationToken cancellationToken);
}
