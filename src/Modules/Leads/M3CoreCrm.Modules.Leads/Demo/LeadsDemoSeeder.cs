using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Domain;

namespace M3CoreCrm.Modules.Leads.Demo;

/// <summary>
/// About 300 leads of a Dubai brokerage: realistic names, +971 mobile numbers, AED budgets, unit interests, every
/// source and open status, owned by the demo users (some unassigned), and a round-robin rule that hands new website and
/// portal leads to the demo users in turn. Deterministic, so every demo looks the same.
/// </summary>
internal sealed class LeadsDemoSeeder(LeadsDbContext db, IUserDirectory users, TimeProvider clock) : IDemoDataSeeder
{
    internal const int Count = 300;

    private static readonly string[] FirstNames =
    [
        "Ahmed", "Fatima", "Mohammed", "Aisha", "Omar", "Mariam", "Khalid", "Noura", "Rashid", "Hessa", "Priya", "Rahul",
        "Anjali", "Vikram", "Sanjay", "Deepa", "Imran", "Sana", "Bilal", "Ayesha", "James", "Emma", "Oliver", "Sophie",
        "Dmitri", "Olga", "Sergei", "Anna", "Maria", "Jose", "Grace", "Paolo", "Youssef", "Layla", "Karim", "Yasmin",
        "Chen", "Li", "Hans", "Claire", "Pierre", "Elena", "Tariq", "Zainab", "Faisal", "Reem", "Hamdan", "Salma",
    ];

    private static readonly string[] LastNames =
    [
        "Al Mansoori", "Al Nuaimi", "Al Shamsi", "Al Marri", "Al Falasi", "Al Ketbi", "Sharma", "Patel", "Nair", "Iyer",
        "Khan", "Qureshi", "Malik", "Hussain", "Smith", "Taylor", "Brown", "Wilson", "Ivanov", "Petrova", "Smirnov",
        "Santos", "Reyes", "Cruz", "Haddad", "Khoury", "Mansour", "Wang", "Zhang", "Müller", "Dubois", "Rossi", "Farouk",
    ];

    private static readonly string[] Domains = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "emirates.net.ae"];

    private static readonly string[] MobilePrefixes = ["50", "52", "54", "55", "56", "58"];

    private static readonly (string Type, int MinBedrooms, int MaxBedrooms, decimal MinBudget, decimal MaxBudget)[] Interests =
    [
        ("apartment", 0, 3, 650_000m, 4_500_000m),
        ("villa", 3, 6, 3_500_000m, 25_000_000m),
        ("townhouse", 2, 4, 1_800_000m, 6_000_000m),
        ("penthouse", 3, 5, 8_000_000m, 40_000_000m),
        ("office", 0, 0, 900_000m, 12_000_000m),
    ];

    private static readonly string[] Tags = ["hot", "investor", "end-user", "golden-visa", "off-plan", "ready", "cash-buyer", "mortgage", "relocating"];

    private static readonly string[] UnqualifiedReasons =
    [
        "Budget far below the projects we market.",
        "Bought through another agency.",
        "Not reachable after five attempts.",
        "Only looking to rent, not to buy.",
        "Duplicate enquiry of an existing client.",
    ];

    private static readonly string[] Notes =
    [
        "Prefers a sea view; viewing on weekends only.",
        "Asked for the payment plan and the service charges.",
        "Relocating from London in Q3; needs schools nearby.",
        "Investor: looking for rental yield above 6%.",
        "Wants handover within 12 months.",
        "Call after 6 pm Dubai time.",
    ];

    public int Order => 30;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var random = new Random(20260101);
        var owners = context.AgentUserIds.Append(context.OwnerUserId).ToList();
        var now = clock.GetUtcNow();
        var sources = Enum.GetValues<LeadSource>();
        var leads = new List<Guid>(Count);
        for (var i = 0; i < Count; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var interest = Interests[random.Next(Interests.Length)];
            var min = RoundTo(interest.MinBudget + ((decimal)random.NextDouble() * (interest.MaxBudget - interest.MinBudget) / 2), 50_000m);
            var max = RoundTo(min * (1.2m + ((decimal)random.NextDouble() * 0.6m)), 50_000m);
            var phone = $"+971{MobilePrefixes[random.Next(MobilePrefixes.Length)]}{random.Next(1_000_000, 9_999_999)}";
            var email = $"{Slug(first)}.{Slug(last)}{i}@{Domains[random.Next(Domains.Length)]}";
            var details = new LeadDetails(
                first,
                last,
                random.Next(10) == 0 ? null : email,
                LeadRules.TryNormalizePhone(phone, out var e164) ? e164 : null,
                sources[random.Next(sources.Length)],
                min,
                max,
                "AED",
                null,
                interest.Type,
                random.Next(interest.MinBedrooms, interest.MaxBedrooms + 1),
                random.Next(3) == 0 ? Notes[random.Next(Notes.Length)] : null,
                Tags.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Order(StringComparer.Ordinal).ToList());
            if (details.Email is null && details.Phone is null)
            {
                details = details with { Email = email };
            }

            var createdAt = now.AddMinutes(-random.Next(5, 120 * 24 * 60));
            var owner = random.Next(10) == 0 ? (Guid?)null : owners[random.Next(owners.Count)];
            var lead = Lead.Create(details, owner, createdAt);
            var roll = random.Next(100);
            var changedAt = createdAt.AddHours(random.Next(1, 72));
            if (changedAt > now)
            {
                changedAt = now;
            }

            if (roll is >= 35 and < 60)
            {
                lead.ChangeStatus(LeadStatus.Contacted, null, changedAt);
            }
            else if (roll is >= 60 and < 80)
            {
                lead.ChangeStatus(LeadStatus.Qualified, null, changedAt);
            }
            else if (roll >= 80)
            {
                lead.ChangeStatus(LeadStatus.Unqualified, UnqualifiedReasons[random.Next(UnqualifiedReasons.Length)], changedAt);
            }

            db.Leads.Add(lead);
            leads.Add(lead.Id);
        }

        // Only users who can work on a lead take turns (the viewer cannot).
        var agents = context.AgentUserIds.Distinct().ToList();
        var takers = await users.HoldingAsync(agents, LeadsPermissions.Update, cancellationToken);
        var rule = AssignmentRule.Create("Website and portal leads", null, agents.Where(takers.Contains).ToList(), isActive: true, priority: 100,
            [LeadSource.Website, LeadSource.Portal], now);
        db.AssignmentRules.Add(rule);
        db.AssignmentCursors.Add(new AssignmentCursor { RuleId = rule.Id });
        await db.SaveChangesAsync(cancellationToken);
        context.Records.Add("lead", leads);
    }

    private static decimal RoundTo(decimal value, decimal step) => Math.Max(step, Math.Round(value / step) * step);

    private static string Slug(string name) => new(name.ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());
}
