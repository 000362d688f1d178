using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.Modules.Leads.Domain;
using Npgsql;

namespace M3CoreCrm.Modules.Leads.Features.AssignmentRules;

/// <summary>
/// The tenant's active assignment rules, in the order they are tried (priority, then age). Raw SQL so that it can
/// ride in the duplicate check's batch of a lead create.
/// </summary>
internal sealed class ActiveRulesQuery(Guid tenantId) : IBatchedQuery
{
    public IReadOnlyList<ActiveRule> Rules { get; private set; } = [];

    public NpgsqlBatchCommand Statement() => SqlStatement.Of(
        """
        SELECT id, group_id, user_ids, sources FROM leads.assignment_rules
        WHERE tenant_id = $1 AND is_active ORDER BY priority, created_at, id
        """, tenantId);

    public async Task ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rules = new List<ActiveRule>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rules.Add(new ActiveRule(
                reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetGuid(1),
                reader.GetFieldValue<Guid[]>(2),
                [.. reader.GetFieldValue<string[]>(3).Select(Enum.Parse<LeadSource>)]));
        }

        Rules = rules;
    }
}

/// <summary>What assignment needs of an active rule.</summary>
internal sealed record ActiveRule(Guid Id, Guid? GroupId, IReadOnlyList<Guid> UserIds, IReadOnlyList<LeadSource> Sources)
{
    public bool AppliesTo(LeadSource source) => Sources.Count == 0 || Sources.Contains(source);
}
