namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>
/// Ids the fuzzer may send, written as placeholders (<c>{{A:leads:0}}</c>, <c>{{B:deals:1}}</c>) that
/// <see cref="FuzzWorld"/> resolves when the request is sent: so a case in the regression corpus means the same
/// thing in every run although the seeded records get new ids. "A" is the fuzzed tenant, "B" the other one.
/// </summary>
internal static class IdPool
{
    /// <summary>The record kinds, named like the route segment that holds them.</summary>
    internal static readonly string[] Kinds =
    [
        "leads", "contacts", "companies", "deals", "pipelines", "stages", "activities", "tasks", "projects", "buildings", "units",
        "reservations", "users", "groups", "roles", "api-keys", "assignment-rules", "tenants",
    ];

    private static readonly Dictionary<string, string> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["leadId"] = "leads", ["dealId"] = "deals", ["unitId"] = "units", ["contactId"] = "contacts", ["companyId"] = "companies",
        ["projectId"] = "projects", ["buildingId"] = "buildings", ["ownerId"] = "users", ["assigneeId"] = "users", ["userId"] = "users",
        ["userIds"] = "users", ["memberIds"] = "users", ["memberId"] = "users", ["actorId"] = "users", ["groupId"] = "groups",
        ["groupIds"] = "groups", ["roleId"] = "roles", ["roleIds"] = "roles", ["pipelineId"] = "pipelines", ["stageId"] = "stages",
        ["stageIds"] = "stages", ["targetStageId"] = "stages", ["mergeId"] = "contacts", ["duplicateId"] = "contacts",
        ["sourceId"] = "contacts", ["duplicateIds"] = "contacts", ["entityId"] = "leads", ["targetId"] = "leads",
    };

    internal static string Placeholder(string tenant, string kind, int index) => $"{{{{{tenant}:{kind}:{index}}}}}";

    /// <summary>The kind a parameter or property refers to, from its name (and, for "id", the route segment before it).</summary>
    internal static string? KindOf(string name, string? previousSegment = null)
    {
        if (ByName.TryGetValue(name, out var kind))
        {
            return kind;
        }

        return name == "id" && previousSegment is not null && Kinds.Contains(previousSegment) ? previousSegment : null;
    }

    /// <summary>A real id of the fuzzed tenant, one of the other tenant's, a random or empty GUID, or one of another kind.</summary>
    internal static string Any(Draw draw, string? kind)
    {
        var roll = draw.Below(100);
        var realKind = kind ?? draw.OneOf(Kinds);
        return roll switch
        {
            < 50 => Placeholder("A", realKind, draw.Below(3)),
            < 65 => Placeholder("B", realKind, draw.Below(3)),
            < 85 => draw.Guid().ToString(),
            < 90 => Guid.Empty.ToString(),
            _ => Placeholder("A", draw.OneOf(Kinds), draw.Below(3)),
        };
    }

    /// <summary>An id that names nothing the fuzzed tenant owns: the other tenant's, random, or empty.</summary>
    internal static string Foreign(Draw draw, string? kind) => draw.Below(3) switch
    {
        0 => Placeholder("B", kind ?? draw.OneOf(Kinds), draw.Below(3)),
        1 => draw.Guid().ToString(),
        _ => Guid.Empty.ToString(),
    };
}
