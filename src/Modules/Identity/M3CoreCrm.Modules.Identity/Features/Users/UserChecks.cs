using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Infrastructure.Passwords;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Users;

/// <summary>Checks of user input that need the policy or the database: 400 problems naming what is wrong.</summary>
internal static class UserChecks
{
    internal static void EnsurePasswordAcceptable(string password, string email)
    {
        if (PasswordPolicy.Check(password, email) is { } reason)
        {
            throw Problems.BadRequest("auth.weak_password", reason);
        }
    }

    internal static async Task EnsureRolesExistAsync(IdentityDbContext db, IReadOnlyCollection<Guid> roleIds, CancellationToken ct)
    {
        var known = await db.Roles.Where(r => roleIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct);
        var unknown = roleIds.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "user.unknown_roles", "Bad request",
                $"No role of this tenant has the id {string.Join(", ", unknown)}; nothing was changed.",
                new Dictionary<string, object?> { ["unknownRoleIds"] = unknown });
        }
    }

    internal static async Task EnsureGroupsExistAsync(IdentityDbContext db, IReadOnlyCollection<Guid> groupIds, CancellationToken ct)
    {
        var known = await db.Groups.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        var unknown = groupIds.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "user.unknown_groups", "Bad request",
                $"No group of this tenant has the id {string.Join(", ", unknown)}; nothing was changed.",
                new Dictionary<string, object?> { ["unknownGroupIds"] = unknown });
        }
    }
}
