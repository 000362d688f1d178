using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.Modules.Activities.Contracts;
using M3CoreCrm.Modules.Activities.Data;
using M3CoreCrm.Modules.Activities.Domain;
using M3CoreCrm.Modules.Contacts.Contracts;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Activities.Integration;

/// <summary>
/// A merged contact's activities and tasks follow it to the survivor: the target row moves (or is dropped when the
/// survivor is already a target) and participant ids are replaced, deleted activities and tasks included. Runs in the
/// publisher's unit of work, so the merge and the move commit or roll back together.
/// </summary>
internal sealed class ContactsMergedHandler(ActivitiesDbContext db, TimeProvider clock) : IIntegrationEventSubscriber<ContactsMerged>
{
    public async Task HandleAsync(ContactsMerged integrationEvent, CancellationToken cancellationToken)
    {
        var from = new TargetRef(ActivityTargetTypes.Contact, integrationEvent.MergedContactId);
        var to = new TargetRef(ActivityTargetTypes.Contact, integrationEvent.SurvivorContactId);
        var merged = integrationEvent.MergedContactId;
        var now = Invariants.Stored(clock.GetUtcNow());

        var activities = await db.Activities.IgnoreQueryFilters([QueryFilters.SoftDelete])
            .Where(a => a.ParticipantContactIds.Contains(merged)
                || db.ActivityTargets.Any(t => t.ActivityId == a.Id && t.TargetType == from.Type && t.TargetId == merged))
            .ToListAsync(cancellationToken);
        foreach (var activity in activities)
        {
            activity.ReplaceTarget(from, to, now);
            activity.ReplaceContact(merged, to.Id, now);
        }

        var tasks = await db.Tasks.IgnoreQueryFilters([QueryFilters.SoftDelete])
            .Where(t => db.TaskTargets.Any(x => x.TaskId == t.Id && x.TargetType == from.Type && x.TargetId == merged))
            .ToListAsync(cancellationToken);
        foreach (var task in tasks)
        {
            task.ReplaceTarget(from, to, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
