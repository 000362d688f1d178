using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

// Fills the benchmark database: leads for every tenant whose slug starts with "bench-" (created beforehand with the
// host's `tenant create`), 1,000,000 for "bench-big" and 10,000 for the others, by binary COPY. COPY into tables with
// row-level security needs a role that bypasses it, so this runs as the (throwaway) cluster's superuser.
// Usage: Seed <superuser connection string> <output folder for sample ids>
if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: M3CoreCrm.Bench.Seed <superuser connection string> <ids folder>");
    return 2;
}

await using var dataSource = NpgsqlDataSource.Create(args[0]);
Directory.CreateDirectory(args[1]);
var tenants = new List<(Guid Id, string Slug, Guid Owner)>();
await using (var command = dataSource.CreateCommand(
    "SELECT t.id, t.slug, u.id FROM tenancy.tenants t JOIN identity.users u ON u.tenant_id = t.id WHERE t.slug LIKE 'bench-%' ORDER BY t.slug"))
await using (var reader = await command.ExecuteReaderAsync())
{
    while (await reader.ReadAsync())
    {
        tenants.Add((reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2)));
    }
}

foreach (var (id, slug, owner) in tenants)
{
    var count = slug == "bench-big" ? 1_000_000 : 10_000;
    var clock = Stopwatch.StartNew();
    var sample = await LeadCopy.CopyAsync(dataSource, id, owner, count, seed: slug.GetHashCode(StringComparison.Ordinal));
    await File.WriteAllLinesAsync(Path.Combine(args[1], $"{slug}.ids"), sample.Select(g => g.ToString()));
    await File.WriteAllTextAsync(Path.Combine(args[1], $"{slug}.tenant"), id.ToString());
    Console.WriteLine($"{slug}: {count:N0} leads in {clock.Elapsed.TotalSeconds:F1} s");
}

await using (var analyze = dataSource.CreateCommand("ANALYZE leads.leads"))
{
    await analyze.ExecuteNonQueryAsync();
}

return 0;

/// <summary>Realistic-looking leads written with one binary COPY per tenant.</summary>
internal static class LeadCopy
{
    private static readonly string[] FirstNames = ["Aisha", "Omar", "Fatima", "Ahmed", "Sara", "Yousef", "Mariam", "Khalid", "Noor", "Hassan", "Layla", "Ali", "Priya", "Rahul", "Anna", "James", "Olga", "Chen", "Maria", "David"];
    private static readonly string[] LastNames = ["Al Mansoori", "Haddad", "Khan", "Sharma", "Smith", "Ivanova", "Wang", "Garcia", "Rahman", "Nasser", "Patel", "Brown", "Kuznetsov", "Lopez", "Saleh", "Farouk"];
    private static readonly string[] Statuses = ["New", "New", "New", "Contacted", "Contacted", "Qualified", "Unqualified", "Converted"];
    private static readonly string[] VipTags = ["vip"];
    private static readonly string[] Sources = ["Website", "Portal", "Portal", "Referral", "WalkIn", "Campaign", "Social", "Other"];

    internal static async Task<List<Guid>> CopyAsync(NpgsqlDataSource dataSource, Guid tenantId, Guid ownerId, int count, int seed)
    {
        var random = new Random(seed);
        var sample = new List<Guid>();
        var start = DateTimeOffset.UtcNow.AddYears(-2);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY leads.leads (id, tenant_id, first_name, last_name, full_name, email, normalized_email, phone, source, status, " +
            "budget_min, budget_max, budget_currency, tags, owner_id, created_at, updated_at) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < count; i++)
        {
            var created = start.AddSeconds(i * (63_000_000.0 / count));
            var id = Guid.CreateVersion7(created);
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var email = $"{first}.{last.Replace(" ", string.Empty, StringComparison.Ordinal)}{i}@example.test".ToLowerInvariant();
            var budget = 500_000m + (random.Next(0, 200) * 50_000m);
            await importer.StartRowAsync();
            await importer.WriteAsync(id, NpgsqlDbType.Uuid);
            await importer.WriteAsync(tenantId, NpgsqlDbType.Uuid);
            await importer.WriteAsync(first, NpgsqlDbType.Varchar);
            await importer.WriteAsync(last, NpgsqlDbType.Varchar);
            await importer.WriteAsync($"{first} {last}", NpgsqlDbType.Varchar);
            await importer.WriteAsync(email, NpgsqlDbType.Varchar);
            await importer.WriteAsync(email, NpgsqlDbType.Varchar);
            await importer.WriteAsync($"+9715{i % 100_000_000:D8}", NpgsqlDbType.Varchar);
            await importer.WriteAsync(Sources[random.Next(Sources.Length)], NpgsqlDbType.Varchar);
            await importer.WriteAsync(Statuses[random.Next(Statuses.Length)], NpgsqlDbType.Varchar);
            await importer.WriteAsync(budget, NpgsqlDbType.Numeric);
            await importer.WriteAsync(budget * 1.2m, NpgsqlDbType.Numeric);
            await importer.WriteAsync("AED", NpgsqlDbType.Char);
            await importer.WriteAsync(i % 10 == 0 ? VipTags : Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await importer.WriteAsync(ownerId, NpgsqlDbType.Uuid);
            await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
            if (i % Math.Max(1, count / 5_000) == 0)
            {
                sample.Add(id);
            }
        }

        await importer.CompleteAsync();
        return sample;
    }
}
