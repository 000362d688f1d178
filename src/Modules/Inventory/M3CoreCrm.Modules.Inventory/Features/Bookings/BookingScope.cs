using System.Linq.Expressions;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Inventory.Domain;
using M3CoreCrm.Modules.Leads.Contracts;

namespace M3CoreCrm.Modules.Inventory.Features.Bookings;

/// <summary>
/// Which holds and reservations a permission's scope reaches. A booking has no owner of its own: "own" covers the bookings
/// the caller made and those on deals or leads the caller owns; "group" the same for every member of the caller's
/// groups; "all" every booking. A booking outside the scope is not found when read, and cannot be released, cancelled
/// or converted.
/// </summary>
internal sealed class BookingScope(AccessScope access, ICurrentActor actor, IDealDirectory deals, ILeadDirectory leads)
{
    /// <summary>A SQL filter keeping the bookings <paramref name="permission"/> reaches; 403 when it is not granted.</summary>
    public async Task<Expression<Func<UnitBooking, bool>>> FilterAsync(string permission, CancellationToken ct)
    {
        var scope = await access.DemandAsync(permission, ct);
        if (scope == PermissionScope.All)
        {
            return c => true;
        }

        var (people, dealIds, leadIds) = await ReachAsync(scope, ct);
        return c => (c.CreatedBy != null && people.Contains(c.CreatedBy.Value))
            || (c.DealId != null && dealIds.Contains(c.DealId.Value))
            || (c.LeadId != null && leadIds.Contains(c.LeadId.Value));
    }

    /// <summary>Whether <paramref name="permission"/> reaches a loaded booking (false when it is not granted).</summary>
    public async Task<bool> CoversAsync(string permission, UnitBooking booking, CancellationToken ct)
    {
        var scope = (await access.PermissionsAsync(ct)).ScopeOf(permission);
        if (scope is null or PermissionScope.All)
        {
            return scope is not null;
        }

        var (people, dealIds, leadIds) = await ReachAsync(scope.Value, ct);
        return (booking.CreatedBy is { } by && people.Contains(by))
            || (booking.DealId is { } deal && dealIds.Contains(deal))
            || (booking.LeadId is { } lead && leadIds.Contains(lead));
    }

    /// <summary>The people an own or group scope covers (the actor itself included, an API key too), and their deals and leads.</summary>
    private async Task<(List<Guid> People, List<Guid> DealIds, List<Guid> LeadIds)> ReachAsync(PermissionScope scope, CancellationToken ct)
    {
        var permissions = await access.PermissionsAsync(ct);
        var people = new HashSet<Guid>(scope == PermissionScope.Group ? permissions.GroupMemberIds : []);
        if (actor.Id is { } self)
        {
            people.Add(self);
        }

        var owners = people.ToList();
        return (owners, (await deals.OwnedByAsync(owners, ct)).ToList(), (await leads.OwnedByAsync(owners, ct)).ToList());
    }
}
