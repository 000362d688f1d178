namespace M3CoreCrm.Modules.Identity.Contracts;

/// <summary>
/// Called by tenant provisioning, inside its transaction and with the new tenant set: creates the tenant's system
/// roles and its first Owner user.
/// </summary>
public interface ITenantOwnerProvisioning
{
    /// <summary>Returns the owner's user id. Throws a 400 problem for a password the policy refuses.</summary>
    Task<Guid> ProvisionAsync(string ownerEmail, string ownerPassword, string ownerDisplayName, CancellationToken cancellationToken);

    /// <summary>Adds an active user with a system role (demo data, invitations); returns its id.</summary>
    Task<Guid> AddUserAsync(string email, string password, string displayName, string systemRole, CancellationToken cancellationToken);
}
