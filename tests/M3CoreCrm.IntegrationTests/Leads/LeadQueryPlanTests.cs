using System.Text;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Features.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Leads;

/// <summary>
/// The list queries the API sends (built by the same filter and keyset code) are planned on indexes, not sequential
/// scans, with a few thousand leads in one tenant: the default sort, a status filter, a deep keyset page and the
/// q contains search. No times are asserted; the plans are.
/// </summary>
[Collection("api")]
public sealed class LeadQueryPlanTests(ApiFixture fixture) : IAsyncLifetime
{
    private const int Rows = 5_000;
    private LeadsTestTenant _tenant = null!;

    public async Task InitializeAsync()
    {
        _tenant = await LeadsTestTenant.SharedAsync(fixture, nameof(LeadQueryPlanTests));
        if (await _tenant.CountAsync() >= Rows)
        {
            return;
        }

        // As the owner role with the tenant set (RLS is forced on the owner too), in one statement.
        await using var connection = await _tenant.OpenOwnerAsync();
        await using var seed = new NpgsqlCommand(
            """
            INSERT INTO leads.leads (id, tenant_id, first_name, last_name, full_name, email, normalized_email, phone,
                                     source, status, tags, created_at, updated_at)
            SELECT gen_random_uuid(), $1,
                   CASE WHEN g % 1000 = 0 THEN 'Zenobia' ELSE 'First' END || g, 'Last' || (g % 997),
                   CASE WHEN g % 1000 = 0 THEN 'Zenobia' ELSE 'First' END || g || ' Last' || (g % 997),
                   'lead' || g || '@seed.example.com', 'lead' || g || '@seed.example.com', '+9715' || lpad(g::text, 8, '0'),
                   (ARRAY['Website','Portal','Referral','WalkIn','Campaign','Social','Other'])[1 + g % 7],
                   (ARRAY['New','Contacted','Qualified','Unqualified'])[1 + g % 4],
                   CASE WHEN g % 10 = 0 THEN ARRAY['vip'] ELSE ARRAY[]::text[] END,
                   now() - make_interval(mins => g), now() - make_interval(mins => g)
            FROM generate_series(1, $2) AS g
            """, connection);
        seed.Parameters.Add(new NpgsqlParameter { Value = _tenant.TenantId });
        seed.Parameters.Add(new NpgsqlParameter { Value = Rows });
        await seed.ExecuteNonQueryAsync();
        // VACUUM (as autovacuum would) also moves the GIN pending list into the index and records its statistics.
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE leads.leads", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Default_list_reads_the_created_at_index_in_order()
    {
        var plan = await PlanAsync(new LeadFilter(), sort: null, afterRow: null);

        AssertIndexed(plan, "ix_leads_tenant_created");
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_filtered_list_reads_the_status_index_in_order()
    {
        var plan = await PlanAsync(new LeadFilter { Status = "qualified" }, sort: null, afterRow: null);

        AssertIndexed(plan, "ix_leads_tenant_status_created");
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deep_keyset_page_starts_the_index_scan_at_the_cursor()
    {
        var plan = await PlanAsync(new LeadFilter(), sort: null, afterRow: Rows / 2);

        AssertIndexed(plan, "ix_leads_tenant_created");
        Assert.Matches("Index Cond: .*created_at <=", plan);
    }

    [Fact]
    public async Task Name_sort_and_owner_filter_have_their_indexes()
    {
        AssertIndexed(await PlanAsync(new LeadFilter(), sort: "name", afterRow: null), "ix_leads_tenant_name");
        AssertIndexed(await PlanAsync(new LeadFilter { OwnerId = Guid.NewGuid() }, sort: null, afterRow: null), "ix_leads_tenant_owner_created");
    }

    [Theory]
    [InlineData("zenobia")]
    [InlineData("lead4000@seed")]
    [InlineData("05 0000 4000")]
    public async Task The_q_search_uses_the_trigram_index(string q)
    {
        // Few matches: the function's ids are read by primary key and sorted.
        var plan = await PlanAsync(new LeadFilter { Q = q }, sort: null, afterRow: null);
        AssertIndexed(plan, "pk_leads");

        // Inside leads.match_lead_ids (SECURITY DEFINER, as the owner): the trigram index.
        var errors = new Dictionary<string, string[]>();
        var inner = await OwnerPlanAsync(
            "SELECT l.id FROM leads.leads AS l WHERE l.tenant_id = $1 AND l.deleted_at IS NULL AND l.search_text ILIKE $2 ESCAPE '\\'",
            _tenant.TenantId, LeadFilter.SearchPattern(q, errors)!);
        AssertIndexed(inner, "ix_leads_tenant_search");
    }

    [Fact]
    public async Task A_search_with_many_matches_filters_the_sort_order_index_scan()
    {
        // "first" is in nearly every seeded name: the page is the first matches of the created-at index, unsorted.
        var plan = await PlanAsync(new LeadFilter { Q = "first" }, sort: null, afterRow: null);

        AssertIndexed(plan, "ix_leads_tenant_created");
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        Assert.Contains("~~*", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tags_filter_uses_the_tags_index_inside_the_match_function()
    {
        var plan = await PlanAsync(new LeadFilter { Tags = "vip" }, sort: null, afterRow: null);
        Assert.Contains("match_lead_ids", plan, StringComparison.Ordinal);
        Assert.False(plan.Contains("Seq Scan", StringComparison.Ordinal), $"A sequential scan:\n{plan}");

        var inner = await OwnerPlanAsync(
            "SELECT l.id FROM leads.leads AS l WHERE l.tenant_id = $1 AND l.deleted_at IS NULL AND l.tags @> $2",
            _tenant.TenantId, new[] { "vip", "rare" });
        AssertIndexed(inner, "ix_leads_tenant_tags");
    }

    [Fact]
    public async Task The_match_function_returns_only_the_sessions_tenant()
    {
        var other = await LeadsTestTenant.SharedAsync(fixture, "plan-other-tenant");
        await LeadsHttp.CreateAsync(other.Owner, LeadsHttp.NewLead("Zenobia", "Elsewhere"));
        await using var connection = await fixture.OpenRuntimeAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM leads.match_lead_ids('%zenobia%', NULL)", connection);

        Assert.Equal(0L, await count.ExecuteScalarAsync()); // no tenant set: nothing
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{_tenant.TenantId}', false)", connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        Assert.Equal((long)(Rows / 1000), await count.ExecuteScalarAsync());
    }

    private static void AssertIndexed(string plan, string index)
    {
        Assert.False(plan.Contains("Seq Scan", StringComparison.Ordinal), $"A sequential scan:\n{plan}");
        Assert.True(plan.Contains(index, StringComparison.Ordinal), $"{index} is not used:\n{plan}");
    }

    /// <summary>EXPLAIN of the page query the list endpoint sends for this filter (an owner's "all" scope).</summary>
    private async Task<string> PlanAsync(LeadFilter filter, string? sort, int? afterRow)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<ITenantContext>().SetTenant(_tenant.TenantId);
        var db = services.GetRequiredService<LeadsDbContext>();
        var finder = new LeadQueries(
            db, services.GetRequiredService<SharedDbContext>(), new AccessScope(new AllScope(_tenant.OwnerId), SystemActor.Instance),
            services.GetRequiredService<IUserDirectory>(), services.GetRequiredService<CursorCodec>());
        var spec = LeadFilter.Sorts.Parse(sort);
        var query = await filter.ApplyAsync(finder, db, services.GetRequiredService<IUserDirectory>(), CancellationToken.None);
        if (afterRow is { } skip)
        {
            var row = await Keyset.Order(query, spec).Skip(skip).Select(l => new { l.CreatedAt, l.Id }).FirstAsync();
            query = Keyset.After(query, spec, [JsonSerializer.SerializeToElement(row.CreatedAt), JsonSerializer.SerializeToElement(row.Id)]);
        }

        var page = Keyset.Order(query, spec).Take(PageQuery.DefaultLimit + 1);
        await using var command = page.CreateDbCommand();
        command.Connection = await services.GetRequiredService<UnitOfWork>().OpenAsync(CancellationToken.None);
        var sql = command.CommandText;
        command.CommandText = "EXPLAIN " + sql;
        var plan = new StringBuilder();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(0));
            }
        }

        return plan.AppendLine(sql).AppendLine(string.Join(", ", command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => $"{p.ParameterName}={p.Value}"))).ToString();
    }

    /// <summary>EXPLAIN of the match function's inner query, as its definer (the owner role) with the tenant set.</summary>
    private async Task<string> OwnerPlanAsync(string sql, params object[] parameters)
    {
        await using var connection = await _tenant.OpenOwnerAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var plan = new StringBuilder();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(0));
            }
        }

        return plan.ToString();
    }

    private sealed class AllScope(Guid userId) : IPermissionResolver
    {
        public Task<EffectivePermissions> ResolveCurrentAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new EffectivePermissions(userId, new Dictionary<string, PermissionScope> { ["leads.read"] = PermissionScope.All }, [userId]));
    }
}
