using System.Text;
using System.Text.RegularExpressions;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Authorization;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Tenancy.Features.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>
/// Two tenants with demo data: A is fuzzed (as its owner and as an agent), B is the neighbour whose data must never
/// show: its records carry <see cref="Marker"/>, and every id of every row it owns is known, so a response can be
/// scanned for them. Resolves the placeholders of <see cref="FuzzCase"/>s.
/// </summary>
internal sealed partial class FuzzWorld
{
    internal const string Marker = "FuzzMarkerB";

    private readonly Dictionary<string, Dictionary<string, List<Guid>>> _ids;
    private readonly Dictionary<string, string> _tokens;

    private FuzzWorld(TestTenant a, TestTenant b, Dictionary<string, Dictionary<string, List<Guid>>> ids, Dictionary<string, string> tokens, HashSet<string> otherTenantIds)
    {
        A = a;
        B = b;
        _ids = ids;
        _tokens = tokens;
        OtherTenantIds = otherTenantIds;
    }

    internal TestTenant A { get; }

    internal TestTenant B { get; }

    /// <summary>Every id (lower-case "D" format) of every row tenant B owns, and B's own id.</summary>
    internal IReadOnlySet<string> OtherTenantIds { get; }

    /// <summary>Strings only B's data contains.</summary>
    internal IEnumerable<string> OtherTenantMarkers => [Marker, B.Slug];

    internal string TokenOf(string caller) => _tokens[caller];

    internal static async Task<FuzzWorld> CreateAsync(ApiFixture fixture, CrmApiFactory factory)
    {
        var a = await SeedTenantAsync(fixture, factory, marker: null);
        var b = await SeedTenantAsync(fixture, factory, Marker);
        var ids = new Dictionary<string, Dictionary<string, List<Guid>>>
        {
            ["A"] = await IdsByKindAsync(fixture, a.Id),
            ["B"] = await IdsByKindAsync(fixture, b.Id),
        };
        var owner = (await fixture.LoginOwnerAsync(a)).AccessToken;
        var agent = (await fixture.LoginAsync(a.Slug, $"agent1@{a.Slug}.test", TestTeam.Password)).AccessToken;
        var tokens = new Dictionary<string, string>
        {
            [Caller.Owner] = owner,
            [Caller.Agent] = agent,
            ["tampered"] = owner[..^2] + (owner[^2] == 'A' ? "B" : "A") + owner[^1],
            ["unsigned"] = owner[..(owner.LastIndexOf('.') + 1)],
            ["other-tenant-unsigned"] = UnsignedToken(b),
        };
        return new FuzzWorld(a, b, ids, tokens, await AllIdsOfAsync(fixture, b.Id));
    }

    /// <summary>The text with every placeholder replaced by a real id or token (an unknown one by a fixed random GUID).</summary>
    internal string Resolve(string text) => text.Contains("{{", StringComparison.Ordinal) ? Placeholder().Replace(text, Substitute) : text;

    private string Substitute(Match match)
    {
        if (match.Groups["token"].Success)
        {
            return _tokens[match.Groups["token"].Value];
        }

        var kind = match.Groups["kind"].Value;
        var index = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return _ids[match.Groups["tenant"].Value].TryGetValue(kind, out var list) && list.Count > 0
            ? list[index % list.Count].ToString()
            : "5d1e0e1e-0000-4000-8000-00000000f022";
    }

    [GeneratedRegex(@"\{\{(?:token:(?<token>[a-z-]+)|(?<tenant>[AB]):(?<kind>[a-z-]+):(?<index>\d+))\}\}")]
    private static partial Regex Placeholder();

    private static async Task<TestTenant> SeedTenantAsync(ApiFixture fixture, CrmApiFactory factory, string? marker)
    {
        var tenant = await fixture.CreateAsync(requestsPerMinute: 1_000_000);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id);
            var users = scope.ServiceProvider.GetRequiredService<ITenantOwnerProvisioning>();
            var people = new List<Guid>();
            foreach (var (login, role) in new[] { ("manager", "Manager"), ("agent1", "Agent"), ("agent2", "Agent"), ("viewer", "Viewer") })
            {
                people.Add(await users.AddUserAsync($"{login}@{tenant.Slug}.test", TestTeam.Password, $"{login} {marker}".Trim(), role, CancellationToken.None));
            }

            var seeders = scope.ServiceProvider.GetServices<IDemoDataSeeder>().ToList();
            await TenantProvisioner.SeedDemoAsync(seeders, new DemoSeedContext(tenant.Id, tenant.OwnerId, people), CancellationToken.None);
        }

        using var owner = await fixture.OwnerClientAsync(tenant);
        var name = marker ?? "Fuzz";
        (await owner.PostAsync("/api/v1/leads", new { firstName = name, lastName = name + " Lead", email = $"lead@{tenant.Slug}.test", source = "website" })).Created();
        (await owner.PostAsync("/api/v1/companies", new { name = name + " Holdings" })).Created();
        (await owner.PostAsync("/api/v1/leads/assignment-rules", new { name = name + " rule", userIds = new[] { tenant.OwnerId } })).Created();
        (await owner.PostAsync("/api/v1/roles", new { name = name + " role", description = name })).Created();
        return tenant;
    }

    /// <summary>A few ids per kind, for placeholders: the tables behind the route segments.</summary>
    private static async Task<Dictionary<string, List<Guid>>> IdsByKindAsync(ApiFixture fixture, Guid tenantId)
    {
        var tables = new Dictionary<string, string>
        {
            ["leads"] = "leads.leads", ["contacts"] = "contacts.contacts", ["companies"] = "contacts.companies", ["deals"] = "deals.deals",
            ["pipelines"] = "deals.pipelines", ["stages"] = "deals.stages", ["activities"] = "activities.activities", ["tasks"] = "activities.tasks",
            ["projects"] = "inventory.projects", ["buildings"] = "inventory.buildings", ["units"] = "inventory.units",
            ["reservations"] = "inventory.unit_claims", ["users"] = "identity.users", ["groups"] = "identity.groups", ["roles"] = "identity.roles",
            ["api-keys"] = "identity.api_keys", ["assignment-rules"] = "leads.assignment_rules",
        };
        var ids = new Dictionary<string, List<Guid>> { ["tenants"] = [tenantId] };
        await using var connection = await fixture.OpenSuperuserAsync();
        foreach (var (kind, table) in tables)
        {
            var filter = kind == "reservations" ? " AND lower(kind) = 'reservation'" : string.Empty;
            ids[kind] = await GuidsAsync(connection, $"SELECT id FROM {table} WHERE tenant_id = $1{filter} ORDER BY id LIMIT 3", tenantId);
        }

        return ids;
    }

    /// <summary>Every id column value of every row the tenant owns, in every schema.</summary>
    private static async Task<HashSet<string>> AllIdsOfAsync(ApiFixture fixture, Guid tenantId)
    {
        await using var connection = await fixture.OpenSuperuserAsync();
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT format('%I.%I', c.table_schema, c.table_name) FROM information_schema.columns c
            JOIN information_schema.columns t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.column_name = 'tenant_id'
            WHERE c.column_name = 'id' AND c.data_type = 'uuid'
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var all = new HashSet<string>(StringComparer.Ordinal) { tenantId.ToString() };
        foreach (var table in tables)
        {
            all.UnionWith((await GuidsAsync(connection, $"SELECT id FROM {table} WHERE tenant_id = $1", tenantId)).Select(id => id.ToString()));
        }

        return all;
    }

    private static async Task<List<Guid>> GuidsAsync(NpgsqlConnection connection, string sql, Guid tenantId)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>A token that claims tenant B and B's owner but carries no signature ("alg": "none").</summary>
    private static string UnsignedToken(TestTenant b)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return Part("""{"alg":"none","typ":"JWT"}""") + "." +
            Part($$"""{"sub":"{{b.OwnerId}}","tid":"{{b.Id}}","iss":"{{CrmApiFactory.JwtIssuer}}","aud":"{{CrmApiFactory.JwtAudience}}","exp":{{expires}}}""") + ".";
    }
}
