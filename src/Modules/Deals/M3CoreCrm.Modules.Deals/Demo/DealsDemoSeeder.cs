using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Deals.Demo;

/// <summary>
/// The demo tenant's sales: 150 deals in AED on the default pipeline, spread over the demo users and stages, each
/// with the history of how it got there; about a sixth won, a tenth lost with a reason, half of those lost came
/// back and were reopened, and many open ones are stuck in their stage long enough to be rotting. Deals belong to the
/// demo contacts, every third to a company, every fourth came from a lead; every closed deal and every fourth open one
/// is interested in a unit (the "contact", "company", "lead" and "unit" records of the earlier seeders). Deterministic (fixed seed), so
/// every demo tenant looks the same. Published for later seeders: the open deals as "deal" (Activities); for the
/// Inventory bookings, "deal.booking" / "deal.booking.unit" (each deal with a unit, paired by position) and
/// "deal.won", "deal.lost", "deal.reopened".
/// </summary>
internal sealed class DealsDemoSeeder(DealsDbContext db, TimeProvider clock) : IDemoDataSeeder
{
    internal const int DealCount = 150;

    public int Order => 40;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = clock.GetUtcNow();
        var pipeline = await db.Pipelines.FirstOrDefaultAsync(p => p.IsDefault, cancellationToken);
        if (pipeline is null)
        {
            pipeline = DefaultPipeline.Create(now);
            db.Pipelines.Add(pipeline);
        }

        var random = new Random(40);
        var users = new[] { context.OwnerUserId }.Concat(context.AgentUserIds).Distinct().ToList();
        var open = pipeline.OpenStages.ToList();
        var openDeals = new List<Guid>();
        var (contacts, companies, leads, units) = (context.Records.Of("contact"), context.Records.Of("company"), context.Records.Of("lead"), context.Records.Of("unit"));
        var (booked, bookedUnits, won, lost, reopened) = (new List<Guid>(), new List<Guid>(), new List<Guid>(), new List<Guid>(), new List<Guid>());
        var (nextUnit, lostCount) = (0, 0);
        for (var i = 0; i < DealCount; i++)
        {
            var owner = users[i % users.Count];
            var outcome = random.Next(100) switch
            {
                < 16 => DealStatus.Won,
                < 26 => DealStatus.Lost,
                _ => DealStatus.Open,
            };

            // The last stage the deal reached while open, and how long ago it got there (or closed).
            var reached = outcome == DealStatus.Won ? open.Count - 1 : random.Next(open.Count);
            var lastAt = outcome == DealStatus.Open
                ? now.AddDays(-random.Next(0, 30)).AddHours(-random.Next(0, 24))
                : now.AddDays(-random.Next(1, 90)).AddHours(-random.Next(0, 24));
            // Creation, one move per later stage reached, and the close (won or lost): the last step is lastAt.
            var steps = new DateTimeOffset[outcome == DealStatus.Open ? reached + 1 : reached + 2];
            steps[^1] = lastAt;
            for (var s = steps.Length - 2; s >= 0; s--)
            {
                steps[s] = steps[s + 1].AddDays(-random.Next(1, 9)).AddHours(-random.Next(0, 24));
            }

            // Every closed deal and every fourth open one is interested in a unit, three apart, no two deals the same.
            Guid[] unitIds = (outcome != DealStatus.Open || i % 4 == 0) && nextUnit < units.Count ? [units[nextUnit]] : [];
            nextUnit += unitIds.Length * 3;
            var details = new DealDetails(
                Title(random),
                Amount(random),
                "AED",
                DateOnly.FromDateTime(lastAt.AddDays(random.Next(15, 150)).UtcDateTime),
                owner,
                contacts.Count > 0 ? contacts[i % contacts.Count] : null,
                companies.Count > 0 && i % 3 == 0 ? companies[i / 3 % companies.Count] : null,
                leads.Count > 0 && i % 4 == 1 ? leads[i / 4 % leads.Count] : null,
                unitIds);
            var (deal, created) = Deal.Create(details, open[0], owner, steps[0]);
            db.Deals.Add(deal);
            db.StageHistory.Add(created);
            for (var s = 1; s <= reached; s++)
            {
                db.StageHistory.Add(deal.MoveTo(open[s], owner, steps[s])!.LeavingStage(open[s - 1].Name));
            }

            if (outcome == DealStatus.Won)
            {
                db.StageHistory.Add(deal.Win(pipeline.WonStage, owner, steps[^1]).LeavingStage(open[reached].Name));
                won.Add(deal.Id);
            }
            else if (outcome == DealStatus.Lost)
            {
                db.StageHistory.Add(deal.Lose(pipeline.LostStage, LostReasons[random.Next(LostReasons.Length)], owner, steps[^1]).LeavingStage(open[reached].Name));
                if (lostCount++ % 2 == 0)
                {
                    // Every other lost buyer came back: reopened where it was lost from, some days after.
                    var back = steps[^1].AddDays(random.Next(1, 10));
                    db.StageHistory.Add(deal.Reopen(open[reached], owner, back < now ? back : now).LeavingStage(pipeline.LostStage.Name));
                    reopened.Add(deal.Id);
                    openDeals.Add(deal.Id);
                }
                else
                {
                    lost.Add(deal.Id);
                }
            }
            else
            {
                openDeals.Add(deal.Id);
            }

            if (unitIds.Length > 0)
            {
                booked.Add(deal.Id);
                bookedUnits.Add(unitIds[0]);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        context.Records.Add("deal", openDeals);
        context.Records.Add("deal.booking", booked);
        context.Records.Add("deal.booking.unit", bookedUnits);
        context.Records.Add("deal.won", won);
        context.Records.Add("deal.lost", lost);
        context.Records.Add("deal.reopened", reopened);
    }

    private static string Title(Random random)
    {
        var project = Projects[random.Next(Projects.Length)];
        var unit = Units[random.Next(Units.Length)];
        var buyer = Buyers[random.Next(Buyers.Length)];
        return $"{project} – {unit} for {buyer}";
    }

    /// <summary>AED 650,000 to 18,000,000 in steps of 5,000.</summary>
    private static decimal Amount(Random random) => 650_000m + (random.Next(0, 3471) * 5_000m);

    private static readonly string[] Projects =
    [
        "Marina Vista", "Palm Crest Residences", "Creek Horizon", "Downtown Views II", "Emaar Beachfront", "Sobha Hartland",
        "Dubai Hills Estate", "Jumeirah Village Circle", "Business Bay Heights", "Arabian Ranches III", "Yas Acres", "Saadiyat Grove",
    ];

    private static readonly string[] Units = ["studio", "1-bed apartment", "2-bed apartment", "3-bed apartment", "penthouse", "3-bed townhouse", "4-bed villa", "5-bed villa"];

    private static readonly string[] Buyers =
    [
        "the Al Mansouri family", "Mr. Kapoor", "Ms. Petrova", "Mr. & Mrs. Haddad", "Dr. Okafor", "the Chen family", "Mr. Schneider",
        "Ms. Al Suwaidi", "Mr. Rahman", "Mrs. Williams", "Mr. Nasser", "the Fernandes family", "Ms. Ivanova", "Mr. O'Brien",
    ];

    private static readonly string[] LostReasons =
    [
        "Bought with another agency", "Financing not approved", "Price above budget", "Chose a ready unit elsewhere",
        "Postponed the purchase", "Payment plan not acceptable",
    ];
}
