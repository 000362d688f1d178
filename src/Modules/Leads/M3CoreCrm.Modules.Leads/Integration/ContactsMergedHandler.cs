using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads.Integration;

/// <summary>
/// When two contacts are merged, leads converted into the merged one now point at the survivor (in the merge's
/// transaction, audited like any change of a lead).
/// </summary>
internal sealed class ContactsMergedHandler(LeadsDbContext db, TimeProvider clock) : IIntegrationEventSubscriber<ContactsMerged>
{
    public async Task HandleAsync(ContactsMerged integrationEvent, CancellationToken cancellationToken)
    {
        var leads = await db.Leads.IgnoreQueryFilters([BuildingBlocks.Data.QueryFilters.SoftDelete])
            .Where(l => l.ConvertedContactId == integrationEvent.MergedContactId)
            .ToListAsync(cancellationToken);
        if (leads.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var lead in leads)
        {
            lead.RelinkContact(integrationEvent.SurvivorContactId, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
