using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Leads.Domain;

/// <summary>
/// Round-robin assignment of new unassigned leads to the active members of a group, or to a listed set of users (in
/// the listed order; for teams that have no group). Active rules are tried by
/// priority (lowest first); a rule with sources applies only to leads of those sources. The next member is picked from
/// the rule's <see cref="AssignmentCursor"/>, which only PostgreSQL advances (an atomic UPDATE ... RETURNING), so
/// concurrent creates on any number of API instances get consecutive, distinct positions.
/// </summary>
internal sealed class AssignmentRule : ITenantOwned
{
    internal const int NameMax = 100;

    private AssignmentRule()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = null!;

    /// <summary>The group whose active members take turns; null when the rule lists its users.</summary>
    public Guid? GroupId { get; private set; }

    /// <summary>The users who take turns (inactive ones are skipped); empty when the rule names a group.</summary>
    public List<Guid> UserIds { get; private set; } = [];

    public bool IsActive { get; private set; }

    public int Priority { get; private set; }

    /// <summary>Sources the rule applies to; empty for all.</summary>
    public List<LeadSource> Sources { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public static AssignmentRule Create(
        string name, Guid? groupId, IReadOnlyList<Guid> userIds, bool isActive, int priority, IReadOnlyList<LeadSource> sources, DateTimeOffset now)
    {
        EnsureMembers(groupId, userIds);
        return new AssignmentRule
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            GroupId = groupId,
            UserIds = [.. userIds.Distinct()],
            IsActive = isActive,
            Priority = priority,
            Sources = [.. sources.Distinct()],
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public void Update(
        string name, Guid? groupId, IReadOnlyList<Guid> userIds, bool isActive, int priority, IReadOnlyList<LeadSource> sources, DateTimeOffset now)
    {
        EnsureMembers(groupId, userIds);
        Name = name.Trim();
        GroupId = groupId;
        var users = userIds.Distinct().ToList();
        if (!UserIds.SequenceEqual(users))
        {
            UserIds = users;
        }

        IsActive = isActive;
        Priority = priority;
        var distinct = sources.Distinct().ToList();
        if (!Sources.SequenceEqual(distinct))
        {
            Sources = distinct;
        }

        UpdatedAt = now;
    }

    private static void EnsureMembers(Guid? groupId, IReadOnlyList<Guid> userIds)
    {
        if (groupId is null == (userIds.Count == 0))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["groupId"] = ["A rule names either a groupId or userIds."] });
        }
    }
}

/// <summary>
/// A rule's round-robin position: how many leads it has assigned (the next goes to member position mod count). Kept
/// apart from the rule so that assigning leads does not change the rule's version (ETag).
/// </summary>
[NotAudited]
internal sealed class AssignmentCursor : ITenantOwned
{
    public Guid TenantId { get; private set; }

    public Guid RuleId { get; init; }

    public long Position { get; private set; }
}
