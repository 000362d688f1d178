using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using M3CoreCrm.Modules.Inventory.Features.Bookings;
using M3CoreCrm.Modules.Inventory.Features.Units;

namespace M3CoreCrm.Modules.Inventory.Demo;

/// <summary>
/// The demo tenant's inventory: a Dubai Marina tower, Downtown residences and a villa community, 200 units made by
/// the same generation code as the API, published as "unit" records for the deals (the Deals seeder runs next), and
/// the tower's top unit blocked. The deals' holds, reservations and sales follow in
/// <see cref="InventoryBookingsDemoSeeder"/>, once the deals exist.
/// </summary>
internal sealed class InventoryDemoSeeder(InventoryDbContext db, UnitService units, BookingService bookings, TimeProvider clock)
    : IDemoDataSeeder
{
    public int Order => 35;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var marina = Project.Create(new ProjectDetails("Marina Crest Tower", "Dubai Marina, Dubai", "Crest Developments", ProjectStatus.Launched, new DateOnly(2028, 6, 30)), now);
        var downtown = Project.Create(new ProjectDetails("Boulevard Residences", "Downtown Dubai, Dubai", "Boulevard Living", ProjectStatus.Launched, new DateOnly(2027, 12, 31)), now);
        var villas = Project.Create(new ProjectDetails("Palm Grove Villas", "Dubai Hills, Dubai", "Grove Communities", ProjectStatus.Planning, new DateOnly(2029, 3, 31)), now);
        db.Projects.AddRange(marina, downtown, villas);
        var tower = Building.Create(marina.Id, "Tower A", 40, now);
        var residence1 = Building.Create(downtown.Id, "Residence 1", 20, now);
        var residence2 = Building.Create(downtown.Id, "Residence 2", 12, now);
        var cluster = Building.Create(villas.Id, "Cluster 1", 3, now);
        db.Buildings.AddRange(tower, residence1, residence2, cluster);
        await db.SaveChangesAsync(cancellationToken);

        var towerUnits = await units.GenerateAsync(tower.Id, new GenerateUnitsRequest(
            10, 8, UnitType.TwoBedroom, 118.5m, 1_850_000m, "AED", 1, null, 25_000m, null, null, "Marina", null), cancellationToken);
        var residence1Units = await units.GenerateAsync(residence1.Id, new GenerateUnitsRequest(
            8, 6, UnitType.OneBedroom, 74.2m, 1_250_000m, "AED", 1, null, 15_000m, null, null, "Burj Khalifa", null), cancellationToken);
        var residence2Units = await units.GenerateAsync(residence2.Id, new GenerateUnitsRequest(
            6, 6, UnitType.Studio, 41m, 760_000m, "AED", 1, "R2-{floor}{index:00}", 10_000m, null, null, "Boulevard", null), cancellationToken);
        var villaUnits = await units.GenerateAsync(cluster.Id, new GenerateUnitsRequest(
            1, 36, UnitType.Villa, 410m, 4_600_000m, "AED", 1, "V{floor}-{index:00}", 0m, 5, 6, "Park", null), cancellationToken);

        context.Records.Add("unit", towerUnits.Concat(residence1Units).Concat(residence2Units).Concat(villaUnits).Select(u => u.Id));

        await bookings.BlockAsync(towerUnits[^1].Id, cancellationToken);
    }
}
