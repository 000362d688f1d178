using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Activities.Contracts;
using M3CoreCrm.Modules.Activities.Domain;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Inventory.Contracts;
using M3CoreCrm.Modules.Leads.Contracts;

namespace M3CoreCrm.Modules.Activities.Features.Activities;

/// <summary>
/// Checks records of other modules through their Contracts: leads through <see cref="ILeadDirectory"/>, contacts and
/// companies through <see cref="IContactDirectory"/>, deals through <see cref="IDealDirectory"/>, units through
/// <see cref="IUnitDirectory"/>. The checks see only live records of the current tenant that the caller may read (each
/// module applies its read scope), so another tenant's id, a deleted record and one outside the caller's scope are all
/// "unknown" on write, and such a target is reported as <c>targetDeleted</c> on read.
/// </summary>
internal sealed class TargetRecords(ILeadDirectory leads, IContactDirectory contacts, IDealDirectory deals, IUnitDirectory units)
{
    /// <summary>"Lead" → "lead"; null for a type that is not a target type at all.</summary>
    public static string? Normalize(string? type) =>
        ActivityTargetTypes.All.FirstOrDefault(t => string.Equals(t, type?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>400 unless every target's record exists (live) in the tenant and the caller may read it.</summary>
    public async Task EnsureExistAsync(IReadOnlyList<TargetRef> targets, string field, CancellationToken ct)
    {
        var live = await LiveAsync(targets, ct);
        var errors = targets.Where(t => !live.Contains(t)).Select(t => $"No {t.Type} {t.Id} exists.").Distinct().ToArray();
        if (errors.Length > 0)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { [field] = errors });
        }
    }

    /// <summary>The targets among <paramref name="targets"/> that exist (not deleted) now and that the caller may read.</summary>
    public async Task<IReadOnlySet<TargetRef>> LiveAsync(IEnumerable<TargetRef> targets, CancellationToken ct)
    {
        var live = new HashSet<TargetRef>();
        foreach (var group in targets.GroupBy(t => t.Type))
        {
            if (Checker(group.Key) is not { } check)
            {
                continue;
            }

            var ids = group.Select(t => t.Id).Distinct().ToList();
            foreach (var id in await check(ids, ct))
            {
                live.Add(new TargetRef(group.Key, id));
            }
        }

        return live;
    }

    private Func<IReadOnlyCollection<Guid>, CancellationToken, Task<IReadOnlySet<Guid>>>? Checker(string type) => type switch
    {
        ActivityTargetTypes.Lead => leads.VisibleAsync,
        ActivityTargetTypes.Contact => contacts.VisibleContactsAsync,
        ActivityTargetTypes.Company => contacts.VisibleCompaniesAsync,
        ActivityTargetTypes.Deal => deals.VisibleAsync,
        ActivityTargetTypes.Unit => units.VisibleAsync,
        _ => null,
    };
}
