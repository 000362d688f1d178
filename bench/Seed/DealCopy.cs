using Npgsql;
using NpgsqlTypes;

namespace M3CoreCrm.Bench.Seed;

/// <summary>
/// Deals in the tenant's default pipeline (the board's), spread over its stages with more in the early ones; each
/// deal's status is its stage's kind, as the Deals module keeps it, and closed deals carry their closing time.
/// </summary>
internal static class DealCopy
{
    public static async Task<List<Guid>> CopyAsync(NpgsqlDataSource dataSource, BenchTenant tenant, int count, IReadOnlyList<Guid> contacts)
    {
        var stages = await StagesAsync(dataSource, tenant);
        // Weight of a stage: open stages thin out towards the end of the funnel; won and lost hold a sixth each.
        var weights = stages.Select(s => s.Kind == "Open" ? stages.Count - s.Position : stages.Count / 2.0).ToArray();
        var random = new Random(17);
        var ids = new List<Guid>(count);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY deals.deals (id, tenant_id, title, pipeline_id, stage_id, amount, currency, expected_close_date, owner_id, contact_id, " +
            "unit_ids, status, lost_reason, stage_entered_at, closed_at, created_at, updated_at) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < count; i++)
        {
            var created = Fake.CreatedAt(i, count);
            var id = Guid.CreateVersion7(created);
            var stage = stages[WeightedIndex(random, weights)];
            var entered = created.AddDays(random.Next(0, 30));
            var closed = stage.Kind == "Open" ? (DateTimeOffset?)null : entered;
            await importer.StartRowAsync();
            await importer.WriteAsync(id, NpgsqlDbType.Uuid);
            await importer.WriteAsync(tenant.Id, NpgsqlDbType.Uuid);
            await importer.WriteAsync($"Apartment deal {i}", NpgsqlDbType.Varchar);
            await importer.WriteAsync(stage.PipelineId, NpgsqlDbType.Uuid);
            await importer.WriteAsync(stage.Id, NpgsqlDbType.Uuid);
            await importer.WriteAsync(800_000m + (random.Next(0, 400) * 25_000m), NpgsqlDbType.Numeric);
            await importer.WriteAsync(i % 10 == 0 ? "USD" : "AED", NpgsqlDbType.Char);
            await importer.WriteAsync(DateOnly.FromDateTime(created.UtcDateTime.AddDays(random.Next(30, 180))), NpgsqlDbType.Date);
            await importer.WriteAsync(tenant.Owner, NpgsqlDbType.Uuid);
            await importer.WriteAsync(random.Pick(contacts), NpgsqlDbType.Uuid);
            await importer.WriteAsync(Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
            await importer.WriteAsync(stage.Kind, NpgsqlDbType.Varchar);
            await importer.WriteOrNullAsync(stage.Kind == "Lost" ? "Chose another project" : null, NpgsqlDbType.Varchar);
            await importer.WriteAsync(entered, NpgsqlDbType.TimestampTz);
            await importer.WriteOrNullAsync(closed, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(entered, NpgsqlDbType.TimestampTz);
            ids.Add(id);
        }

        await importer.CompleteAsync();
        return ids;
    }

    private static int WeightedIndex(Random random, double[] weights)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static async Task<List<(Guid Id, Guid PipelineId, string Kind, int Position)>> StagesAsync(NpgsqlDataSource dataSource, BenchTenant tenant)
    {
        var stages = new List<(Guid, Guid, string, int)>();
        await using var command = dataSource.CreateCommand(
            "SELECT s.id, s.pipeline_id, s.kind, s.position FROM deals.stages s JOIN deals.pipelines p ON p.tenant_id = s.tenant_id AND p.id = s.pipeline_id " +
            "WHERE p.tenant_id = $1 AND p.is_default ORDER BY s.position");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stages.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt32(3)));
        }

        return stages.Count > 0 ? stages : throw new InvalidOperationException($"{tenant.Slug} has no default pipeline.");
    }
}
