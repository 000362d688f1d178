using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Deals.Demo;

/// <summary>
/// The demo tenant's sales: 150 deals in AED on the default pipeline, spread over the demo users and stages, each
/// with the history of how it got there; about a sixth won, a tenth lost with a reason, and many open ones stuck
/// in their stage long enough to be rotting. Deterministic (fixed seed), so every demo tenant looks the same. The open
/// deals' ids are published as "deal" records for the seeders that link to deals (Inventory, Activities).
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

            var details = new DealDetails(
                Title(random),
                Amount(random),
                "AED",
                DateOnly.FromDateTime(lastAt.AddDays(random.Next(15, 150)).UtcDateTime),
                owner,
                null,
                null,
                null,
                []);
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
            }
            else if (outcome == DealStatus.Lost)
            {
                db.StageHistory.Add(deal.Lose(pipeline.LostStage, LostReasons[random.Next(LostReasons.Length)], owner, steps[^1]).LeavingStage(open[reached].Name));
            }
            else
            {
                openDeals.Add(deal.Id);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        context.Records.Add("deal", openDeals);
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
