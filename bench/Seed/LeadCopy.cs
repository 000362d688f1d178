using Npgsql;
using NpgsqlTypes;

namespace M3CoreCrm.Bench.Seed;

/// <summary>Leads with every filterable column filled; ids are UUIDv7 in creation order, like the API's.</summary>
internal static class LeadCopy
{
    private static readonly string[] Statuses = ["New", "New", "New", "Contacted", "Contacted", "Qualified", "Unqualified", "Converted"];
    private static readonly string[] Sources = ["Website", "Portal", "Portal", "Referral", "WalkIn", "Campaign", "Social", "Other"];
    private static readonly string[] VipTags = ["vip"];

    public static async Task<List<Guid>> CopyAsync(NpgsqlDataSource dataSource, BenchTenant tenant, int count)
    {
        var random = new Random(tenant.Slug.Length * 7919 + count);
        var ids = new List<Guid>(count);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY leads.leads (id, tenant_id, first_name, last_name, full_name, email, normalized_email, phone, source, status, " +
            "unqualified_reason, budget_min, budget_max, budget_currency, tags, owner_id, created_at, updated_at) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < count; i++)
        {
            var created = Fake.CreatedAt(i, count);
            var id = Guid.CreateVersion7(created);
            var first = random.Pick(Fake.FirstNames);
            var last = random.Pick(Fake.LastNames);
            var email = $"{first}.{last.Replace(" ", string.Empty, StringComparison.Ordinal)}{i}@example.test".ToLowerInvariant();
            var status = random.Pick(Statuses);
            var budget = 500_000m + (random.Next(0, 200) * 50_000m);
            await importer.StartRowAsync();
            await importer.WriteAsync(id, NpgsqlDbType.Uuid);
            await importer.WriteAsync(tenant.Id, NpgsqlDbType.Uuid);
            await importer.WriteAsync(first, NpgsqlDbType.Varchar);
            await importer.WriteAsync(last, NpgsqlDbType.Varchar);
            await importer.WriteAsync($"{first} {last}", NpgsqlDbType.Varchar);
            await importer.WriteAsync(email, NpgsqlDbType.Varchar);
            await importer.WriteAsync(email, NpgsqlDbType.Varchar);
            await importer.WriteAsync(Fake.Mobile(i, 0).Number, NpgsqlDbType.Varchar);
            await importer.WriteAsync(random.Pick(Sources), NpgsqlDbType.Varchar);
            await importer.WriteAsync(status, NpgsqlDbType.Varchar);
            await importer.WriteOrNullAsync(status == "Unqualified" ? "Budget too low" : null, NpgsqlDbType.Varchar);
            await importer.WriteAsync(budget, NpgsqlDbType.Numeric);
            await importer.WriteAsync(budget * 1.2m, NpgsqlDbType.Numeric);
            await importer.WriteAsync("AED", NpgsqlDbType.Char);
            await importer.WriteAsync(i % 10 == 0 ? VipTags : [], NpgsqlDbType.Array | NpgsqlDbType.Text);
            await importer.WriteAsync(tenant.Owner, NpgsqlDbType.Uuid);
            await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
            ids.Add(id);
        }

        await importer.CompleteAsync();
        return ids;
    }
}
