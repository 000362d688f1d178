using Npgsql;
using NpgsqlTypes;

namespace M3CoreCrm.Bench.Seed;

/// <summary>
/// Four projects of five towers each, holding the units (codes unique per building, as the unique index requires).
/// Every unit is available: held, reserved or sold units would need their claims too.
/// </summary>
internal static class UnitCopy
{
    private static readonly (string Type, int Bedrooms, decimal Area)[] Layouts =
        [("Studio", 0, 38m), ("OneBedroom", 1, 72m), ("OneBedroom", 1, 78m), ("TwoBedroom", 2, 115m), ("ThreeBedroom", 3, 160m), ("Penthouse", 4, 320m)];
    private static readonly string[] Views = ["Sea", "Marina", "City", "Golf", "Garden"];

    public static async Task<int> CopyAsync(NpgsqlDataSource dataSource, BenchTenant tenant, int count)
    {
        const int projects = 4, buildingsPerProject = 5;
        var perBuilding = (count + (projects * buildingsPerProject) - 1) / (projects * buildingsPerProject);
        var floors = Math.Max(1, (perBuilding + 9) / 10);
        var now = DateTimeOffset.UtcNow;
        var buildings = new List<(Guid Project, Guid Building, string Name)>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY inventory.projects (id, tenant_id, name, location, developer, status, handover_date, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var p = 0; p < projects; p++)
            {
                var project = Guid.CreateVersion7(now);
                await importer.WriteRowAsync(default, project, tenant.Id, $"Bench Project {p + 1}", "Dubai Marina", "Bench Developments",
                    p == 0 ? "Completed" : "Launched", new DateOnly(2027 + p, 6, 30), now, now);
                for (var b = 0; b < buildingsPerProject; b++)
                {
                    buildings.Add((project, Guid.CreateVersion7(now), $"Tower {(char)('A' + b)}"));
                }
            }

            await importer.CompleteAsync();
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY inventory.buildings (id, tenant_id, project_id, name, floors, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (project, building, name) in buildings)
            {
                await importer.WriteRowAsync(default, building, tenant.Id, project, name, floors, now, now);
            }

            await importer.CompleteAsync();
        }

        var random = new Random(23);
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY inventory.units (id, tenant_id, project_id, building_id, code, floor, type, bedrooms, bathrooms, area, view, orientation, " +
            "list_price, currency, status, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var (project, building, name) = buildings[i / perBuilding];
                var index = i % perBuilding;
                var floor = (index / 10) + 1;
                var (type, bedrooms, area) = random.Pick(Layouts);
                await importer.StartRowAsync();
                await importer.WriteAsync(Guid.CreateVersion7(now), NpgsqlDbType.Uuid);
                await importer.WriteAsync(tenant.Id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(project, NpgsqlDbType.Uuid);
                await importer.WriteAsync(building, NpgsqlDbType.Uuid);
                await importer.WriteAsync($"{name[^1]}-{floor:D2}{(index % 10) + 1:D2}", NpgsqlDbType.Varchar);
                await importer.WriteAsync(floor, NpgsqlDbType.Integer);
                await importer.WriteAsync(type, NpgsqlDbType.Varchar);
                await importer.WriteAsync(bedrooms, NpgsqlDbType.Integer);
                await importer.WriteAsync(Math.Max(1, bedrooms), NpgsqlDbType.Integer);
                await importer.WriteAsync(area, NpgsqlDbType.Numeric);
                await importer.WriteAsync(random.Pick(Views), NpgsqlDbType.Varchar);
                await importer.WriteAsync(floor % 2 == 0 ? "North" : "South", NpgsqlDbType.Varchar);
                await importer.WriteAsync(Math.Round(area * 18_000m * (1 + (floor / 100m)), 2), NpgsqlDbType.Numeric);
                await importer.WriteAsync("AED", NpgsqlDbType.Char);
                await importer.WriteAsync("Available", NpgsqlDbType.Varchar);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await importer.CompleteAsync();
        }

        return count;
    }
}
