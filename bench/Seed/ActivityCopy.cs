using Npgsql;
using NpgsqlTypes;

namespace M3CoreCrm.Bench.Seed;

/// <summary>Activities, each on one lead (60%) or contact, with the fields its type uses filled.</summary>
internal static class ActivityCopy
{
    private static readonly string[] Types = ["Call", "Call", "Call", "Meeting", "SiteVisit", "Note", "Email", "Whatsapp"];
    private static readonly string[] CallOutcomes = ["Answered", "NoAnswer", "Busy", "LeftVoicemail", "Interested", "Callback"];

    public static async Task<int> CopyAsync(NpgsqlDataSource dataSource, BenchTenant tenant, int count, IReadOnlyList<Guid> leads, IReadOnlyList<Guid> contacts)
    {
        var random = new Random(19);
        var targets = new List<(Guid Activity, string Type, Guid Target)>(count);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY activities.activities (id, tenant_id, type, subject, body, occurred_at, duration_minutes, direction, outcome, " +
            "participant_user_ids, participant_contact_ids, owner_id, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var created = Fake.CreatedAt(i, count);
                var id = Guid.CreateVersion7(created);
                var type = random.Pick(Types);
                var isCall = type == "Call";
                var timed = isCall || type is "Meeting" or "SiteVisit";
                var directed = isCall || type is "Email" or "Whatsapp";
                await importer.StartRowAsync();
                await importer.WriteAsync(id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(tenant.Id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(type, NpgsqlDbType.Varchar);
                await importer.WriteAsync($"{type} {i}", NpgsqlDbType.Varchar);
                await importer.WriteAsync("Discussed the payment plan and a second viewing.", NpgsqlDbType.Varchar);
                await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await importer.WriteOrNullAsync(timed ? random.Next(5, 90) : (int?)null, NpgsqlDbType.Integer);
                await importer.WriteOrNullAsync(directed ? (i % 3 == 0 ? "Inbound" : "Outbound") : null, NpgsqlDbType.Varchar);
                await importer.WriteOrNullAsync(isCall ? random.Pick(CallOutcomes) : null, NpgsqlDbType.Varchar);
                await importer.WriteAsync(Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                await importer.WriteAsync(Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                await importer.WriteAsync(tenant.Owner, NpgsqlDbType.Uuid);
                await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                targets.Add(random.Next(10) < 6 ? (id, "lead", random.Pick(leads)) : (id, "contact", random.Pick(contacts)));
            }

            await importer.CompleteAsync();
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY activities.activity_targets (tenant_id, activity_id, target_type, target_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (activity, type, target) in targets)
            {
                await importer.WriteRowAsync(default, tenant.Id, activity, type, target);
            }

            await importer.CompleteAsync();
        }

        return count;
    }
}
