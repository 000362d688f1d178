using M3CoreCrm.Modules.Identity.Domain;

namespace M3CoreCrm.Modules.Identity.Features.Users;

internal sealed record UserRoleSummary(Guid Id, string Name, bool IsSystem);

internal sealed record UserGroupSummary(Guid Id, string Name);

/// <summary>A user of the tenant with its roles and groups (never its password hash).</summary>
internal sealed record UserResponse(
    Guid Id,
    string Email,
    string DisplayName,
    UserStatus Status,
    IReadOnlyList<UserRoleSummary> Roles,
    IReadOnlyList<UserGroupSummary> Groups,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? LastLoginAt,
    DateTimeOffset PasswordChangedAt);

/// <summary>Filters of the user list: status (active, disabled), roleId, groupId, q (name or email contains).</summary>
internal sealed record UserListQuery(string? Status, Guid? RoleId, Guid? GroupId, string? Q);

/// <summary>A new, active user with an initial password set by the administrator, its roles and groups.</summary>
internal sealed record CreateUserRequest(string Email, string DisplayName, string Password, IReadOnlyList<Guid>? RoleIds, IReadOnlyList<Guid>? GroupIds);

/// <summary>The editable fields of a user, the target of a JSON merge patch (email, roles and status have their own routes).</summary>
internal sealed record UserEdit(string DisplayName);

/// <summary>The complete new set of the user's roles (at least one).</summary>
internal sealed record AssignUserRolesRequest(IReadOnlyList<Guid>? RoleIds);

/// <summary>A new password chosen by the administrator; the user's sessions end.</summary>
internal sealed record ResetPasswordRequest(string NewPassword);

/// <summary>The caller's current password and the new one; the caller's other sessions end.</summary>
internal sealed record ChangeOwnPasswordRequest(string CurrentPassword, string NewPassword);

internal static class UserRules
{
    internal const int DisplayNameMaxLength = 200;
    internal const int EmailMaxLength = 254;
    internal const int MaxRoles = 50;
    internal const int MaxGroups = 200;
}
