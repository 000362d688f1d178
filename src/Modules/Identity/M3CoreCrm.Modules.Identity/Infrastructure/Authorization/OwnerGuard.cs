using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Authorization;

/// <summary>
/// Keeps at least one active Owner in every tenant. Changes that could remove an Owner (disabling a user, taking
/// the Owner role away) run in a transaction that first takes a per-tenant advisory lock, so two admins removing
/// the last two Owners at the same time cannot both succeed.
/// </summary>
internal sealed class OwnerGuard(IdentityDbContext db, UnitOfWork unitOfWork, ITenantContext tenant)
{
    /// <summary>409 <c>user.last_owner</c> when <paramref name="userId"/> is the only active Owner.</summary>
    public async Task EnsureNotLastActiveOwnerAsync(Guid userId, CancellationToken ct)
    {
        await LockAsync(ct);
        var ownerRole = db.Roles.Where(r => r.IsSystem && r.Name == SystemRoles.Owner).Select(r => r.Id);
        var activeOwners = db.UserRoles.Where(ur => ownerRole.Contains(ur.RoleId))
            .Join(db.Users.Where(u => u.Status == UserStatus.Active), ur => ur.UserId, u => u.Id, (ur, u) => u.Id);
        if (!await activeOwners.AnyAsync(id => id == userId, ct))
        {
            return;
        }

        if (!await activeOwners.AnyAsync(id => id != userId, ct))
        {
            throw Problems.Conflict("user.last_owner",
                "This is the tenant's last active Owner; make another user Owner first.");
        }
    }

    /// <summary>Serializes Owner-removing changes of this tenant until the unit of work's transaction ends.</summary>
    private async Task LockAsync(CancellationToken ct)
    {
        var transaction = unitOfWork.Transaction
            ?? throw new InvalidOperationException("The Owner check must run inside the unit of work's transaction.");
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", unitOfWork.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = $"identity.owners|{tenant.RequiredTenantId}" });
        await command.ExecuteNonQueryAsync(ct);
    }
}
