using Npgsql;
using NpgsqlTypes;

namespace M3CoreCrm.Bench.Seed;

/// <summary>
/// Companies, and contacts with one email and one phone row each (half of them at a company). sort_name and
/// search_text are built as the Contacts module builds them (lower-case name, then emails and phones).
/// </summary>
internal static class ContactCopy
{
    private static readonly string[] Industries = ["Real estate", "Banking", "Construction", "Hospitality", "Retail", "Technology"];
    private static readonly string[] CompanyWords = ["Emirates", "Gulf", "Falcon", "Palm", "Marina", "Crescent", "Oasis", "Pearl", "Desert", "Harbor"];
    private static readonly string[] CompanyKinds = ["Holdings", "Trading", "Investments", "Properties", "Group", "Ventures"];

    public static async Task<List<Guid>> CopyCompaniesAsync(NpgsqlDataSource dataSource, BenchTenant tenant, int count)
    {
        var random = new Random(11);
        var ids = new List<Guid>(count);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY contacts.companies (id, tenant_id, name, sort_name, search_text, domain, industry, phone, phone_national_digits, " +
            "address_city, address_country, owner_id, tags, created_at, updated_at) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < count; i++)
        {
            var created = Fake.CreatedAt(i, count);
            var id = Guid.CreateVersion7(created);
            var name = $"{random.Pick(CompanyWords)} {random.Pick(CompanyKinds)} {i}";
            var domain = $"{name.Replace(" ", "-", StringComparison.Ordinal).ToLowerInvariant()}.example";
            var (number, national) = Fake.Mobile(i, 2);
            var sortName = name.ToLowerInvariant();
            await importer.StartRowAsync();
            await importer.WriteAsync(id, NpgsqlDbType.Uuid);
            await importer.WriteAsync(tenant.Id, NpgsqlDbType.Uuid);
            await importer.WriteAsync(name, NpgsqlDbType.Varchar);
            await importer.WriteAsync(sortName, NpgsqlDbType.Varchar);
            await importer.WriteAsync($"{sortName} | {domain} | {number} {national}", NpgsqlDbType.Text);
            await importer.WriteAsync(domain, NpgsqlDbType.Varchar);
            await importer.WriteAsync(random.Pick(Industries), NpgsqlDbType.Varchar);
            await importer.WriteAsync(number, NpgsqlDbType.Varchar);
            await importer.WriteAsync(national, NpgsqlDbType.Varchar);
            await importer.WriteAsync("Dubai", NpgsqlDbType.Varchar);
            await importer.WriteAsync("AE", NpgsqlDbType.Char);
            await importer.WriteAsync(tenant.Owner, NpgsqlDbType.Uuid);
            await importer.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
            ids.Add(id);
        }

        await importer.CompleteAsync();
        return ids;
    }

    public static async Task<List<Guid>> CopyContactsAsync(NpgsqlDataSource dataSource, BenchTenant tenant, int count, IReadOnlyList<Guid> companies)
    {
        var random = new Random(13);
        var rows = new List<(Guid Id, string Email, string Number, string National)>(count);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY contacts.contacts (id, tenant_id, first_name, last_name, sort_name, search_text, company_id, address_city, " +
            "address_country, owner_id, tags, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var created = Fake.CreatedAt(i, count);
                var id = Guid.CreateVersion7(created);
                var first = random.Pick(Fake.FirstNames);
                var last = random.Pick(Fake.LastNames);
                var sortName = $"{first} {last}".ToLowerInvariant();
                var email = $"{first}.{last.Replace(" ", string.Empty, StringComparison.Ordinal)}.c{i}@example.test".ToLowerInvariant();
                var (number, national) = Fake.Mobile(i, 1);
                await importer.StartRowAsync();
                await importer.WriteAsync(id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(tenant.Id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(first, NpgsqlDbType.Varchar);
                await importer.WriteAsync(last, NpgsqlDbType.Varchar);
                await importer.WriteAsync(sortName, NpgsqlDbType.Varchar);
                await importer.WriteAsync($"{sortName} | {email} | {number} {national}", NpgsqlDbType.Text);
                await importer.WriteOrNullAsync(i % 2 == 0 ? random.Pick(companies) : (Guid?)null, NpgsqlDbType.Uuid);
                await importer.WriteAsync("Dubai", NpgsqlDbType.Varchar);
                await importer.WriteAsync("AE", NpgsqlDbType.Char);
                await importer.WriteAsync(tenant.Owner, NpgsqlDbType.Uuid);
                await importer.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                rows.Add((id, email, number, national));
            }

            await importer.CompleteAsync();
        }

        await using (var emails = await connection.BeginBinaryImportAsync(
            "COPY contacts.contact_emails (tenant_id, contact_id, position, address, normalized, label, is_primary) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await emails.WriteRowAsync(default, tenant.Id, row.Id, 0, row.Email, row.Email, "Work", true);
            }

            await emails.CompleteAsync();
        }

        await using (var phones = await connection.BeginBinaryImportAsync(
            "COPY contacts.contact_phones (tenant_id, contact_id, position, number, national_digits, label, is_primary) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await phones.WriteRowAsync(default, tenant.Id, row.Id, 0, row.Number, row.National, "Mobile", true);
            }

            await phones.CompleteAsync();
        }

        return rows.ConvertAll(r => r.Id);
    }
}
