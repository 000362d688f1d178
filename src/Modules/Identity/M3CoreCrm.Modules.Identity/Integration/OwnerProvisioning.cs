using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Identity.Infrastructure.Authorization;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using M3CoreCrm.Modules.Identity.Infrastructure.Passwords;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Integration;

/// <summary>Seeds a new tenant's system roles and users (the owner first).</summary>
internal sealed class OwnerProvisioning(IdentityDbContext db, PasswordHashingGate passwords, TimeProvider clock) : ITenantOwnerProvisioning
{
    public async Task<Guid> ProvisionAsync(string ownerEmail, string ownerPassword, string ownerDisplayName, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var (name, description) in SystemRoles.All)
        {
            db.Roles.Add(Role.Create(name, description, isSystem: true, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return await AddUserAsync(ownerEmail, ownerPassword, ownerDisplayName, SystemRoles.Owner, cancellationToken);
    }

    public async Task<Guid> AddUserAsync(string email, string password, string displayName, string systemRole, CancellationToken cancellationToken)
    {
        if (PasswordPolicy.Check(password, email) is { } reason)
        {
            throw Problems.BadRequest("auth.weak_password", reason);
        }

        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == systemRole && r.IsSystem, cancellationToken)
            ?? throw Problems.BadRequest("role.unknown", $"There is no system role '{systemRole}'.");
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == User.Normalize(email), cancellationToken))
        {
            throw Problems.Conflict("user.duplicate_email", $"A user with the email '{email}' exists.");
        }

        var user = User.Create(email, displayName, await passwords.HashAsync(password, cancellationToken), clock.GetUtcNow());
        db.Users.Add(user);
        db.UserRoles.Add(new UserRole { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync(cancellationToken);
        return user.Id;
    }
}
