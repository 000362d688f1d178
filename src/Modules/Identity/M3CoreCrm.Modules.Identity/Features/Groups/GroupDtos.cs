using M3CoreCrm.Modules.Identity.Domain;

namespace M3CoreCrm.Modules.Identity.Features.Groups;

internal sealed record GroupMemberResponse(Guid UserId, string DisplayName, string Email, UserStatus Status);

/// <summary>A team and its members.</summary>
internal sealed record GroupResponse(
    Guid Id,
    string Name,
    string? Description,
    IReadOnlyList<GroupMemberResponse> Members,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt);

internal sealed record CreateGroupRequest(string Name, string? Description, IReadOnlyList<Guid>? MemberIds);

/// <summary>
/// The editable fields of a group, the target of a JSON merge patch: members present replace, a null description
/// clears it, absent members stay.
/// </summary>
internal sealed record GroupEdit(string Name, string? Description);

/// <summary>The complete new member list.</summary>
internal sealed record ReplaceGroupMembersRequest(IReadOnlyList<Guid>? UserIds);

internal sealed record GroupListQuery(string? Q, Guid? MemberId);

internal static class GroupRules
{
    internal const int NameMaxLength = 100;
    internal const int DescriptionMaxLength = 500;
    internal const int MaxMembers = 1000;
}
