using System.Diagnostics;
using System.Globalization;
using M3CoreCrm.Bench.Seed;
using Npgsql;

// Fills the benchmark database by binary COPY into the modules' tables, for every tenant whose slug starts with
// "bench-" (created beforehand with the host's `tenant create`, which also gives each a default pipeline):
// "bench-big" gets 1,000,000 leads, 200,000 contacts (with companies), 50,000 deals spread over the stages of its
// default pipeline, 500,000 activities and 20,000 units; the others 10,000 leads each. BENCH_SCALE (default 1)
// scales every count, for quick runs. COPY into tables with row-level security needs a role that bypasses it, so
// this runs as the (throwaway) cluster's superuser.
// Usage: Seed <superuser connection string> <output folder for sample ids>
if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: M3CoreCrm.Bench.Seed <superuser connection string> <ids folder>");
    return 2;
}

var scale = double.Parse(Environment.GetEnvironmentVariable("BENCH_SCALE") ?? "1", CultureInfo.InvariantCulture);
int Scaled(int count) => Math.Max(100, (int)(count * scale));

await using var dataSource = NpgsqlDataSource.Create(args[0]);
Directory.CreateDirectory(args[1]);
var tenants = await BenchTenant.ListAsync(dataSource);
var total = Stopwatch.StartNew();

// The big tenant's other records only need its leads' ids, so they are copied beside the small tenants' leads.
var big = tenants.Single(t => t.Slug == "bench-big");
var bigLeads = await SeedLeadsAsync(big, Scaled(1_000_000));
var others = Task.Run(async () =>
{
    foreach (var tenant in tenants.Where(t => t != big))
    {
        await SeedLeadsAsync(tenant, Scaled(10_000));
    }
});
var related = Task.Run(async () =>
{
    var companies = await Timed("companies", () => ContactCopy.CopyCompaniesAsync(dataSource, big, Scaled(20_000)));
    var contacts = await Timed("contacts", () => ContactCopy.CopyContactsAsync(dataSource, big, Scaled(200_000), companies));
    await Timed("deals", () => DealCopy.CopyAsync(dataSource, big, Scaled(50_000), contacts));
    await Timed("activities", () => ActivityCopy.CopyAsync(dataSource, big, Scaled(500_000), bigLeads, contacts));
    await Timed("units", () => UnitCopy.CopyAsync(dataSource, big, Scaled(20_000)));
});
await Task.WhenAll(others, related);

// VACUUM too, as autovacuum would have long since done on a real database: index-only scans need the visibility map.
// Then a CHECKPOINT: otherwise the bulk load's dirty pages are written out (and every first change of a page logged
// whole) by a spread checkpoint during the first scenarios, which a database in steady state does not carry.
foreach (var maintenance in new[] { "VACUUM ANALYZE", "CHECKPOINT" })
{
    await using var command = dataSource.CreateCommand(maintenance);
    command.CommandTimeout = 0;
    await command.ExecuteNonQueryAsync();
}

Console.WriteLine($"seeded in {total.Elapsed.TotalSeconds:F0} s");
return 0;

async Task<List<Guid>> SeedLeadsAsync(BenchTenant tenant, int count)
{
    var ids = await Timed($"{tenant.Slug} leads", () => LeadCopy.CopyAsync(dataSource, tenant, count));
    var step = Math.Max(1, count / 5_000);
    await File.WriteAllLinesAsync(Path.Combine(args[1], $"{tenant.Slug}.ids"), ids.Where((_, i) => i % step == 0).Select(g => g.ToString()));
    await File.WriteAllTextAsync(Path.Combine(args[1], $"{tenant.Slug}.tenant"), tenant.Id.ToString());
    return ids;
}

static async Task<T> Timed<T>(string what, Func<Task<T>> copy)
{
    var clock = Stopwatch.StartNew();
    var result = await copy();
    Console.WriteLine($"{what}: {(result switch { System.Collections.ICollection c => c.Count, int n => n, _ => 0 }):N0} rows in {clock.Elapsed.TotalSeconds:F1} s");
    return result;
}
