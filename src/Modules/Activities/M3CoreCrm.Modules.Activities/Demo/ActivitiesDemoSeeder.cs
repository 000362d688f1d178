using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Activities.Contracts;
using M3CoreCrm.Modules.Activities.Data;
using M3CoreCrm.Modules.Activities.Domain;
using M3CoreCrm.Modules.Contacts.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Activities.Demo;

/// <summary>
/// The demo tenant's history: 300 activities and 80 tasks on the demo contacts (read through
/// <see cref="IContactRegistry.SampleContactIdsAsync"/>, the one contract that lists records), spread over the demo
/// users, the last 60 days and the next two weeks. Leads and deals offer no listing contract, so they get none.
/// Deterministic (fixed seed); without the Contacts module nothing is seeded (targets are required).
/// </summary>
internal sealed class ActivitiesDemoSeeder(ActivitiesDbContext db, IServiceProvider services, TimeProvider clock) : IDemoDataSeeder
{
    internal const int ActivityCount = 300;
    internal const int TaskCount = 80;

    private static readonly string[] Subjects = ["Intro call", "Viewing at Marina Heights", "Follow-up on payment plan", "Sent floor plans", "Site visit: Palm Tower", "Price negotiation", "WhatsApp: brochure"];

    public int Order => 60;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (services.GetService<IContactRegistry>() is not { } contacts)
        {
            return;
        }

        var ids = await contacts.SampleContactIdsAsync(200, cancellationToken);
        if (ids.Count == 0)
        {
            return;
        }

        var now = Invariants.Stored(clock.GetUtcNow());
        var random = new Random(60);
        var users = new[] { context.OwnerUserId }.Concat(context.AgentUserIds).Distinct().ToList();
        var types = Enum.GetValues<ActivityType>();
        var outcomes = Enum.GetValues<ActivityOutcome>();
        for (var i = 0; i < ActivityCount; i++)
        {
            var type = types[random.Next(types.Length)];
            var target = new TargetRef(ActivityTargetTypes.Contact, ids[random.Next(ids.Count)]);
            var details = new ActivityDetails(
                type,
                Subjects[random.Next(Subjects.Length)],
                null,
                now.AddDays(-random.Next(0, 60)).AddMinutes(-random.Next(0, 1440)),
                type is ActivityType.Note ? null : random.Next(1, 90),
                Activity.TakesDirection(type) ? (random.Next(2) == 0 ? ActivityDirection.Inbound : ActivityDirection.Outbound) : null,
                type is ActivityType.Note ? null : outcomes[random.Next(outcomes.Length)],
                [],
                [],
                [target]);
            db.Activities.Add(Activity.Create(details, users[i % users.Count], null, now));
        }

        var priorities = Enum.GetValues<TaskPriority>();
        for (var i = 0; i < TaskCount; i++)
        {
            var due = now.AddHours(random.Next(-72, 14 * 24));
            var details = new TaskDetails(
                Subjects[random.Next(Subjects.Length)],
                null,
                due,
                priorities[random.Next(priorities.Length)],
                users[i % users.Count],
                due.AddHours(-1),
                [new TargetRef(ActivityTargetTypes.Contact, ids[random.Next(ids.Count)])]);
            var task = TaskItem.Create(details, context.OwnerUserId, now);
            if (due < now && random.Next(3) == 0)
            {
                task.Complete(users[i % users.Count], now);
            }

            db.Tasks.Add(task);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
