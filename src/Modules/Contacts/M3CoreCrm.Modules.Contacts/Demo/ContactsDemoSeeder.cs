using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Domain;

namespace M3CoreCrm.Modules.Contacts.Demo;

/// <summary>
/// The demo tenant's address book: 40 companies (developers, brokerages, corporate buyers) and 250 contacts with
/// UAE mobiles, work emails at their company's domain or personal ones, addresses and tags, spread over the demo
/// users. Deterministic (fixed seed), so every demo tenant looks the same.
/// </summary>
internal sealed class ContactsDemoSeeder(ContactsDbContext db, TimeProvider clock) : IDemoDataSeeder
{
    private const int ContactCount = 250;

    public int Order => 20;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var random = new Random(20);
        var now = clock.GetUtcNow();
        var users = new[] { context.OwnerUserId }.Concat(context.AgentUserIds).ToList();
        var phones = new HashSet<string>(StringComparer.Ordinal);
        var emails = new HashSet<string>(StringComparer.Ordinal);

        var companies = new List<(Company Company, string Domain)>();
        foreach (var (name, industry, domain, area) in CompanySeeds)
        {
            var details = new CompanyDetails(
                name,
                domain,
                industry,
                Phone(random, phones, landline: true),
                new PostalAddress($"Office {random.Next(1, 40)}{random.Next(1, 20):00}, {area.Building}", null, area.City, area.City, null, "AE"),
                random.Next(4) == 0 ? users[random.Next(users.Count)] : context.OwnerUserId,
                Pick(random, CompanyTags, random.Next(0, 3)));
            companies.Add((Company.Create(details, now.AddDays(-random.Next(120, 400))), domain));
        }

        db.Companies.AddRange(companies.Select(c => c.Company));

        var contacts = new List<Guid>(ContactCount);
        for (var i = 0; i < ContactCount; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var company = random.Next(10) < 6 ? companies[random.Next(companies.Count)] : ((Company Company, string Domain)?)null;
            var contactEmails = new List<EmailValue>();
            if (company is { } work)
            {
                AddEmail(contactEmails, emails, $"{Local(first)}.{Local(last)}@{work.Domain}", EmailLabel.Work);
            }

            if (company is null || random.Next(3) == 0)
            {
                AddEmail(contactEmails, emails, $"{Local(first)}{Local(last)[..1]}{random.Next(10, 99)}@{PersonalDomains[random.Next(PersonalDomains.Length)]}", EmailLabel.Personal);
            }

            var contactPhones = new List<PhoneValue> { Phone(random, phones, landline: false) with { IsPrimary = true } };
            if (random.Next(4) == 0)
            {
                contactPhones.Add(Phone(random, phones, landline: true) with { Label = PhoneLabel.Work });
            }

            var details = new ContactDetails(
                first,
                last,
                contactEmails.Select((e, n) => e with { IsPrimary = n == 0 }).ToList(),
                contactPhones,
                company?.Company.Id,
                random.Next(10) < 4 ? Home(random) : PostalAddress.Empty,
                null,
                users[i % users.Count],
                Pick(random, ContactTags, random.Next(0, 4)));
            var contact = Contact.Create(details, now.AddDays(-random.Next(0, 180)).AddMinutes(-random.Next(0, 1440)));
            db.Contacts.Add(contact);
            contacts.Add(contact.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        context.Records.Add("company", companies.Select(c => c.Company.Id));
        context.Records.Add("contact", contacts);
    }

    private static void AddEmail(List<EmailValue> list, HashSet<string> used, string address, EmailLabel label)
    {
        var candidate = address;
        for (var n = 2; !used.Add(ContactPointRules.NormalizeEmail(candidate)); n++)
        {
            var at = address.IndexOf('@', StringComparison.Ordinal);
            candidate = $"{address[..at]}{n}{address[at..]}";
        }

        list.Add(new EmailValue(candidate, ContactPointRules.NormalizeEmail(candidate), label, false));
    }

    /// <summary>A unique, valid UAE number: a mobile (+971 5x) or a Dubai/Abu Dhabi landline (+971 4 / +971 2).</summary>
    private static PhoneValue Phone(Random random, HashSet<string> used, bool landline)
    {
        while (true)
        {
            var candidate = landline
                ? $"+971{(random.Next(3) == 0 ? 2 : 4)}{random.Next(2, 9)}{random.Next(0, 1_000_000):000000}"
                : $"+9715{MobilePrefixes[random.Next(MobilePrefixes.Length)]}{random.Next(0, 10_000_000):0000000}";
            if (used.Add(candidate) && ContactPointRules.TryParsePhone(candidate, out var e164, out var national))
            {
                return new PhoneValue(e164, national, landline ? PhoneLabel.Work : PhoneLabel.Mobile, true);
            }
        }
    }

    private static PostalAddress Home(Random random)
    {
        var (building, city, country) = Homes[random.Next(Homes.Length)];
        return new PostalAddress($"{(random.Next(2) == 0 ? "Apartment" : "Villa")} {random.Next(1, 3000)}", building, city, country == "AE" ? city : null, null, country);
    }

    private static List<string> Pick(Random random, string[] from, int count) =>
        from.OrderBy(_ => random.Next()).Take(count).Order(StringComparer.Ordinal).ToList();

    private static string Local(string name) => new(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    private static readonly char[] MobilePrefixes = ['0', '2', '4', '5', '6', '8'];

    private static readonly string[] PersonalDomains = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com"];

    private static readonly string[] ContactTags =
        ["investor", "end-user", "vip", "off-plan", "ready", "golden-visa", "cash-buyer", "mortgage", "landlord", "tenant", "referral", "overseas", "hot", "follow-up"];

    private static readonly string[] CompanyTags = ["developer", "partner", "key-account", "bulk-buyer", "referral-partner", "prospect"];

    private static readonly (string Building, string City)[] Offices =
    [
        ("Bay Square Building 5, Business Bay", "Dubai"),
        ("Marina Plaza, Dubai Marina", "Dubai"),
        ("Gate Village 3, DIFC", "Dubai"),
        ("Cluster T, Jumeirah Lake Towers", "Dubai"),
        ("Boulevard Plaza Tower 1, Downtown Dubai", "Dubai"),
        ("Sky Tower, Al Reem Island", "Abu Dhabi"),
        ("Addax Tower, Al Reem Island", "Abu Dhabi"),
    ];

    private static readonly (string Building, string City, string Country)[] Homes =
    [
        ("Marina Gate 1, Dubai Marina", "Dubai", "AE"),
        ("Shoreline Apartments, Palm Jumeirah", "Dubai", "AE"),
        ("Arabian Ranches 2", "Dubai", "AE"),
        ("Burj Views, Downtown Dubai", "Dubai", "AE"),
        ("Dubai Hills Estate", "Dubai", "AE"),
        ("Al Raha Beach", "Abu Dhabi", "AE"),
        ("Saadiyat Beach Residences", "Abu Dhabi", "AE"),
        ("Kensington High Street", "London", "GB"),
        ("Bandra West", "Mumbai", "IN"),
        ("Tverskaya Street", "Moscow", "RU"),
    ];

    private static readonly (string Name, string Industry, string Domain, (string Building, string City) Area)[] CompanySeeds =
        new (string Name, string Industry, string Domain)[]
        {
            ("Palm Crest Developments", "Real estate development", "palmcrest.ae"),
            ("Azure Bay Properties", "Real estate development", "azurebay.ae"),
            ("Desert Rose Developers", "Real estate development", "desertrosedev.com"),
            ("Marina Heights Group", "Real estate development", "marinaheights.ae"),
            ("Golden Sands Development", "Real estate development", "goldensands-dev.com"),
            ("Al Noor Developments", "Real estate development", "alnoordev.ae"),
            ("Skyline Towers Development", "Real estate development", "skylinetowers.ae"),
            ("Creek Harbour Builders", "Construction", "creekharbourbuilders.com"),
            ("Oasis Living Properties", "Real estate development", "oasisliving.ae"),
            ("Silver Dune Developers", "Real estate development", "silverdune.ae"),
            ("Emerald Coast Developments", "Real estate development", "emeraldcoast.ae"),
            ("Horizon Crescent Estates", "Real estate development", "horizoncrescent.com"),
            ("Blue Lagoon Realty", "Real estate brokerage", "bluelagoonrealty.ae"),
            ("Key Harbour Brokers", "Real estate brokerage", "keyharbour.ae"),
            ("Prime Address Real Estate", "Real estate brokerage", "primeaddress.ae"),
            ("Falcon Property Brokers", "Real estate brokerage", "falconproperty.ae"),
            ("Sandstone Realty", "Real estate brokerage", "sandstonerealty.com"),
            ("Dune and Palm Estates", "Real estate brokerage", "duneandpalm.ae"),
            ("Arabian Gate Realty", "Real estate brokerage", "arabiangate.ae"),
            ("Harbourfront Homes", "Real estate brokerage", "harbourfronthomes.ae"),
            ("Luxe Keys Realty", "Real estate brokerage", "luxekeys.ae"),
            ("Metro Nest Real Estate", "Real estate brokerage", "metronest.ae"),
            ("Corniche Property Partners", "Real estate brokerage", "cornicheproperty.ae"),
            ("Bayview Brokers", "Real estate brokerage", "bayviewbrokers.com"),
            ("Gulf Horizon Investments", "Investment", "gulfhorizon-invest.com"),
            ("Najm Capital Partners", "Investment", "najmcapital.ae"),
            ("Atlas Logistics", "Logistics", "atlaslogistics.ae"),
            ("Falaj Energy Services", "Energy", "falajenergy.com"),
            ("Meridian Healthcare Group", "Healthcare", "meridianhealth.ae"),
            ("Zenith Aviation Services", "Aviation", "zenithaviation.ae"),
            ("Crescent Tech Solutions", "Technology", "crescenttech.io"),
            ("Sahara Hospitality Group", "Hospitality", "saharahospitality.com"),
            ("Pearl Family Office", "Family office", "pearlfamilyoffice.ae"),
            ("Noor Education Holdings", "Education", "nooreducation.ae"),
            ("Summit Engineering Consultants", "Engineering", "summitengineering.ae"),
            ("Riverstone Asset Management", "Asset management", "riverstone-am.com"),
            ("Tamr Trading Company", "Trading", "tamrtrading.ae"),
            ("Alpine Insurance Brokers", "Insurance", "alpineinsurance.ae"),
            ("Orion Consulting", "Consulting", "orionconsulting.ae"),
            ("Lotus Retail Group", "Retail", "lotusretail.ae"),
        }.Select((c, i) => (c.Name, c.Industry, c.Domain, Offices[i % Offices.Length])).ToArray();

    private static readonly string[] FirstNames =
    [
        "Ahmed", "Mohammed", "Fatima", "Aisha", "Omar", "Khalid", "Mariam", "Hamdan", "Noura", "Saeed", "Layla", "Yousef",
        "Hessa", "Rashid", "Salma", "Priya", "Rahul", "Anjali", "Vikram", "Sanjay", "Deepa", "Arjun", "Neha", "James",
        "Emily", "Oliver", "Sophie", "Daniel", "Charlotte", "Thomas", "Hannah", "Dmitri", "Olga", "Sergei", "Anastasia",
        "Wei", "Mei", "Chen", "Imran", "Ayesha", "Maria", "Jose", "Lucas", "Isabella", "Karim", "Rania", "Tariq", "Zainab",
    ];

    private static readonly string[] LastNames =
    [
        "Al Mansouri", "Al Nuaimi", "Al Hashimi", "Al Falasi", "Al Shamsi", "Al Zaabi", "Al Ketbi", "Haddad", "Khoury",
        "Nasser", "Sharma", "Patel", "Iyer", "Menon", "Kapoor", "Smith", "Taylor", "Brown", "Williams", "Clarke", "Ivanov",
        "Petrova", "Wang", "Zhang", "Khan", "Hussain", "Santos", "Reyes", "Fernandes", "Rossi", "Schmidt", "O'Brien",
    ];
}
