using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Leads.Domain;

/// <summary>
/// Round-robin assignment of new unassigned leads to the active members of a group. Active rules are tried by
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

    public Guid GroupId { get; private set; }

    public bool IsActive { get; private set; }

    public int Priority { get; private set; }

    /// <summary>Sources the rule applies to; empty for all.</summary>
    public List<LeadSource> Sources { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public bool AppliesTo(LeadSource source) => IsActive && (Sources.Count == 0 || Sources.Contains(source));

    public static AssignmentRule Create(string name, Guid groupId, bool isActive, int priority, IReadOnlyList<LeadSource> sources, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name.Trim(),
        GroupId = groupId,
        IsActive = isActive,
        Priority = priority,
        Sources = [.. sources.Distinct()],
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void Update(string name, Guid groupId, bool isActive, int priority, IReadOnlyList<LeadSource> sources, DateTimeOffset now)
    {
        Name = name.Trim();
        GroupId = groupId;

        IsActive = isActive;
        Priority = priority;
        var distinct = sources.Distinct().ToList();
        if (!Sources.SequenceEqual(distinct))
        {
            Sources = distinct;
        }

        UpdatedAt = now;
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
