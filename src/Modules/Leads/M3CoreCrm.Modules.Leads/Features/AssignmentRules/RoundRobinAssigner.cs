using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Leads.Domain;
using Npgsql;

namespace M3CoreCrm.Modules.Leads.Features.AssignmentRules;

/// <summary>
/// Picks owners for new unassigned leads from the active round-robin rules. The rule's cursor is advanced by one
/// atomic <c>UPDATE ... SET position = position + n RETURNING</c>: the row lock serializes concurrent creators (on
/// any API instance), each gets its own consecutive range, so n concurrent creates land on n consecutive members.
/// </summary>
internal sealed class RoundRobinAssigner(UnitOfWork unitOfWork, ITenantContext tenant, IUserDirectory users)
{
    /// <summary>The tenant's active rules, to read alone or in another batch before <see cref="NextOwnersAsync(IReadOnlyList{LeadSource}, IReadOnlyList{ActiveRule}, CancellationToken)"/>.</summary>
    public ActiveRulesQuery ActiveRules() => new(tenant.RequiredTenantId);

    /// <summary>An owner (or null: no rule, or a group without active members) for each source, in order.</summary>
    public async Task<IReadOnlyList<Guid?>> NextOwnersAsync(IReadOnlyList<LeadSource> sources, CancellationToken cancellationToken)
    {
        if (sources.Count == 0)
        {
            return [];
        }

        var rules = ActiveRules();
        await unitOfWork.ReadAsync(rules, cancellationToken);
        return await NextOwnersAsync(sources, rules.Rules, cancellationToken);
    }

    /// <summary>As above, with the active rules already read (<see cref="ActiveRules"/>) in this transaction.</summary>
    public async Task<IReadOnlyList<Guid?>> NextOwnersAsync(
        IReadOnlyList<LeadSource> sources, IReadOnlyList<ActiveRule> rules, CancellationToken cancellationToken)
    {
        var owners = new Guid?[sources.Count];
        if (rules.Count == 0)
        {
            return owners;
        }

        var byRule = sources
            .Select((source, index) => (Index: index, Rule: rules.FirstOrDefault(r => r.AppliesTo(source))))
            .Where(x => x.Rule is not null)
            .GroupBy(x => x.Rule!.Id);
        foreach (var group in byRule)
        {
            var rule = group.First().Rule!;
            var members = await MembersAsync(rule, cancellationToken);
            if (members.Count == 0)
            {
                continue;
            }

            var indexes = group.Select(x => x.Index).ToList();
            if (await AdvanceAsync(rule.Id, indexes.Count, cancellationToken) is not { } start)
            {
                continue; // deleted meanwhile
            }

            for (var i = 0; i < indexes.Count; i++)
            {
                owners[indexes[i]] = members[(int)((start + i) % members.Count)];
            }
        }

        return owners;
    }

    /// <summary>
    /// Who takes turns: the group's active members (by id), or the rule's active listed users (as listed), skipping
    /// those whose roles no longer grant leads.update (a role changed after the rule was saved).
    /// </summary>
    private async Task<IReadOnlyList<Guid>> MembersAsync(ActiveRule rule, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> members = rule.GroupId is { } groupId ? await users.GroupMembersAsync(groupId, cancellationToken) : rule.UserIds;
        if (members.Count == 0)
        {
            return members;
        }

        var holding = await users.HoldingAsync(members, LeadsPermissions.Update, cancellationToken);
        return members.Where(holding.Contains).ToList();
    }

    /// <summary>Reserves <paramref name="count"/> positions of the rule; returns the first, or null when the rule is gone.</summary>
    private async Task<long?> AdvanceAsync(Guid ruleId, int count, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch
        {
            BatchCommands =
            {
                SqlStatement.Of(
                    """
                    UPDATE leads.assignment_cursors SET position = position + $3
                    WHERE tenant_id = $1 AND rule_id = $2
                    RETURNING position - $3
                    """,
                    tenant.RequiredTenantId, ruleId, (long)count),
            },
        };
        await using var reader = await unitOfWork.ExecuteBatchAsync(batch, cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : null;
    }
}
