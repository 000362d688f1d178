using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Activities.Contracts;
using M3CoreCrm.Modules.Activities.Data;
using M3CoreCrm.Modules.Activities.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Activities.Demo;

/// <summary>
/// The demo tenant's history: 400 activities and 120 tasks on the demo leads, contacts, companies, deals and units
/// (the ids earlier seeders published in <see cref="DemoSeedContext.Records"/>, so this seeder runs after them), spread over the demo users, the last 60 days and the next two weeks,
/// with subjects that fit the record (qualification calls on leads, negotiations on deals, site visits on units;
/// a site visit on a lead, contact or deal also names a unit). Deterministic (fixed seed, records in creation order)
/// and one SaveChanges; a kind without records contributes none; a tenant that has activities or tasks already is
/// left alone.
/// </summary>
internal sealed class ActivitiesDemoSeeder(ActivitiesDbContext db, TimeProvider clock) : IDemoDataSeeder
{
    internal const int ActivityCount = 400;
    internal const int TaskCount = 120;
    private const int PoolSize = 150;

    private static readonly Dictionary<string, string[]> Subjects = new()
    {
        [ActivityTargetTypes.Lead] = ["Intro call", "Qualification call", "WhatsApp: brochure", "Budget and timeline check", "Sent project shortlist"],
        [ActivityTargetTypes.Contact] = ["Follow-up call", "Viewing at Marina Heights", "Sent floor plans", "Golden visa questions", "Mortgage pre-approval"],
        [ActivityTargetTypes.Company] = ["Office visit", "Partnership call", "Sent the company brochure", "Bulk purchase enquiry", "Corporate leasing terms"],
        [ActivityTargetTypes.Deal] = ["Price negotiation", "Follow-up on payment plan", "Sent SPA draft", "Booking form signed", "Discount approval"],
        [ActivityTargetTypes.Unit] = ["Site visit: Palm Tower", "Snagging inspection", "New photos for the listing", "Handover walkthrough", "Service charge query"],
    };

    public int Order => 60;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await db.Activities.IgnoreQueryFilters([QueryFilters.SoftDelete]).AnyAsync(cancellationToken) || await db.Tasks.IgnoreQueryFilters([QueryFilters.SoftDelete]).AnyAsync(cancellationToken))
        {
            return; // seeded before: demo seeding may run again on the same tenant
        }

        var pools = Pools(context.Records);
        if (pools.Count == 0)
        {
            return;
        }

        var units = pools.GetValueOrDefault(ActivityTargetTypes.Unit) ?? [];
        var now = Invariants.Stored(clock.GetUtcNow());
        var random = new Random(60);
        var users = new[] { context.OwnerUserId }.Concat(context.AgentUserIds).Distinct().ToList();
        var types = Enum.GetValues<ActivityType>();
        var outcomes = Enum.GetValues<ActivityOutcome>();
        for (var i = 0; i < ActivityCount; i++)
        {
            var type = types[random.Next(types.Length)];
            var (target, subject) = Pick(pools, random);
            var targets = new List<TargetRef> { target };
            if (type == ActivityType.SiteVisit && target.Type != ActivityTargetTypes.Unit && units.Count > 0)
            {
                targets.Add(new TargetRef(ActivityTargetTypes.Unit, units[random.Next(units.Count)]));
            }

            var details = new ActivityDetails(
                type,
                subject,
                null,
                now.AddDays(-random.Next(0, 60)).AddMinutes(-random.Next(0, 1440)),
                type is ActivityType.Note ? null : random.Next(1, 90),
                Activity.TakesDirection(type) ? (random.Next(2) == 0 ? ActivityDirection.Inbound : ActivityDirection.Outbound) : null,
                type is ActivityType.Note ? null : outcomes[random.Next(outcomes.Length)],
                [],
                [],
                targets);
            db.Activities.Add(Activity.Create(details, users[i % users.Count], null, now));
        }

        var priorities = Enum.GetValues<TaskPriority>();
        for (var i = 0; i < TaskCount; i++)
        {
            var due = now.AddHours(random.Next(-72, 14 * 24));
            var (target, subject) = Pick(pools, random);
            var details = new TaskDetails(subject, null, due, priorities[random.Next(priorities.Length)], users[i % users.Count], due.AddHours(-1), [target]);
            var task = TaskItem.Create(details, context.OwnerUserId, now);
            if (due < now && random.Next(3) == 0)
            {
                task.Complete(users[i % users.Count], now);
            }

            db.Tasks.Add(task);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A record of a random kind (among those with records) and a subject that fits it.</summary>
    private static (TargetRef Target, string Subject) Pick(IReadOnlyDictionary<string, IReadOnlyList<Guid>> pools, Random random)
    {
        var type = pools.Keys.ElementAt(random.Next(pools.Count));
        var ids = pools[type];
        var subjects = Subjects[type];
        return (new TargetRef(type, ids[random.Next(ids.Count)]), subjects[random.Next(subjects.Length)]);
    }

    /// <summary>Up to <see cref="PoolSize"/> ids per target type, in a fixed type order, leaving out types without records.</summary>
    private static SortedDictionary<string, IReadOnlyList<Guid>> Pools(DemoRecords records)
    {
        var pools = new SortedDictionary<string, IReadOnlyList<Guid>>(StringComparer.Ordinal);
        foreach (var type in ActivityTargetTypes.All.Where(Subjects.ContainsKey))
        {
            if (records.Of(type) is { Count: > 0 } ids)
            {
                pools[type] = ids.Take(PoolSize).ToList();
            }
        }

        return pools;
    }
}
