using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Activities.Contracts;
using M3CoreCrm.Modules.Activities.Domain;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Inventory.Contracts;
using M3CoreCrm.Modules.Leads.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Activities.Targets;

/// <summary>
/// Checks records of other modules through their Contracts, resolved from DI per request: leads through
/// <see cref="ILeadDirectory"/>, contacts and companies through <see cref="IContactDirectory"/>, deals through
/// <see cref="IDealDirectory"/>, units through <see cref="IUnitDirectory"/>. A type whose module is not in the host
/// is refused with 400 <c>activity.target_type_unavailable</c> rather than stored unchecked. The checks see only live
/// records of the current tenant (tenant-wide, not the caller's read scope: logging a call on a colleague's deal is
/// fine), so another tenant's id and a deleted record are both "unknown" on write, and a target deleted later is
/// reported as <c>targetDeleted</c> on read.
/// </summary>
internal sealed class TargetDirectory(IServiceProvider services)
{
    /// <summary>"Lead" → "lead"; null for a type that is not a target type at all.</summary>
    public static string? Normalize(string? type) =>
        ActivityTargetTypes.All.FirstOrDefault(t => string.Equals(t, type?.Trim(), StringComparison.OrdinalIgnoreCase));

    public bool IsAvailable(string type) => Checker(type) is not null;

    /// <summary>400 unless every target's type is known and available and every record exists (live) in the tenant.</summary>
    public async Task EnsureExistAsync(IReadOnlyList<TargetRef> targets, string field, CancellationToken ct)
    {
        foreach (var type in targets.Select(t => t.Type).Distinct())
        {
            EnsureAvailable(type);
        }

        var live = await LiveAsync(targets, ct);
        var errors = targets.Where(t => !live.Contains(t)).Select(t => $"No {t.Type} {t.Id} exists.").Distinct().ToArray();
        if (errors.Length > 0)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { [field] = errors });
        }
    }

    /// <summary>400 <c>activity.target_type_unavailable</c> when no module of the host can check records of this type.</summary>
    public void EnsureAvailable(string type)
    {
        if (!IsAvailable(type))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "activity.target_type_unavailable", "Bad request",
                $"Records of type '{type}' cannot be checked in this deployment, so they cannot be targets.");
        }
    }

    /// <summary>The targets among <paramref name="targets"/> that exist (not deleted) now; unavailable types count as unknown.</summary>
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
        ActivityTargetTypes.Lead => services.GetService<ILeadDirectory>() is { } leads ? leads.ExistingAsync : null,
        ActivityTargetTypes.Contact => services.GetService<IContactDirectory>() is { } contacts ? contacts.ExistingContactsAsync : null,
        ActivityTargetTypes.Company => services.GetService<IContactDirectory>() is { } companies ? companies.ExistingCompaniesAsync : null,
        ActivityTargetTypes.Deal => services.GetService<IDealDirectory>() is { } deals ? deals.ExistingAsync : null,
        ActivityTargetTypes.Unit => services.GetService<IUnitDirectory>() is { } units ? units.ExistingAsync : null,
        _ => null,
    };
}
