using System.Text;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Deals;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Features.Deals;
using M3CoreCrm.Modules.Deals.Features.Pipelines;
using M3CoreCrm.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Deals;

/// <summary>
/// The deal list's <c>q</c> is planned on indexes with a few thousand deals in one tenant: a rare term reads the match
/// function's ids by primary key (inside it, the trigram index on the title), a common one filters the created-at
/// index scan in order. No times are asserted; the plans are. The search answers the same through HTTP.
/// </summary>
[Collection("api")]
public sealed class DealQueryPlanTests(ApiFixture fixture) : IAsyncLifetime
{
    private const int Rows = 5_000;
    private TestTenant _tenant = null!;

    public async Task InitializeAsync()
    {
        _tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(_tenant);
        var pipeline = await client.DefaultPipelineAsync();
        await using var connection = await OpenOwnerAsync();
        await using var seed = new NpgsqlCommand(
            """
            INSERT INTO deals.deals (id, tenant_id, title, pipeline_id, stage_id, amount, currency, owner_id, unit_ids, status,
                                     stage_entered_at, created_at, updated_at)
            SELECT gen_random_uuid(), $1,
                   CASE WHEN g % 1000 = 0 THEN 'Zenobia villa ' ELSE 'Marina flat ' END || g,
                   $2, $3, 1000 + g, 'AED', $4, '{}', 'Open',
                   now() - make_interval(mins => g), now() - make_interval(mins => g), now() - make_interval(mins => g)
            FROM generate_series(1, $5) AS g
            """, connection);
        seed.Parameters.Add(new NpgsqlParameter { Value = _tenant.Id });
        seed.Parameters.Add(new NpgsqlParameter { Value = pipeline.Id() });
        seed.Parameters.Add(new NpgsqlParameter { Value = pipeline.StageId("Qualified") });
        seed.Parameters.Add(new NpgsqlParameter { Value = _tenant.OwnerId });
        seed.Parameters.Add(new NpgsqlParameter { Value = Rows });
        await seed.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE deals.deals", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("zenobia")]
    [InlineData("villa 4000")]
    public async Task A_rare_term_reads_the_matching_ids_by_key_and_the_match_function_uses_the_trigram_index(string q)
    {
        var plan = await PlanAsync(q);
        AssertIndexed(plan, "pk_deals");

        var inner = await OwnerPlanAsync(
            "SELECT d.id FROM deals.deals AS d WHERE d.tenant_id = $1 AND d.deleted_at IS NULL AND d.title ILIKE $2 ESCAPE '\\'",
            _tenant.Id, LikePattern.Contains(q));
        AssertIndexed(inner, "ix_deals_tenant_title_search");
    }

    [Fact]
    public async Task A_common_term_filters_the_created_at_index_scan_in_order()
    {
        var plan = await PlanAsync("marina");
        Assert.False(plan.Contains("Seq Scan", StringComparison.Ordinal), $"A sequential scan:\n{plan}");
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        Assert.Contains("title_matches", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_answers_alike_on_either_path_and_only_for_the_sessions_tenant()
    {
        using var client = await fixture.OwnerClientAsync(_tenant);
        Assert.Equal(Rows / 1000, (await client.AllPagesAsync("/api/v1/deals?q=ZENOBIA&limit=2")).Count);
        Assert.Equal(["Marina flat 1"], (await client.ItemsAsync("/api/v1/deals?q=marina&limit=1")).Select(d => d.Str("title")));
        Assert.Empty(await client.ItemsAsync("/api/v1/deals?q=%25%25"));

        var other = await fixture.CreateAsync();
        using var stranger = await fixture.OwnerClientAsync(other);
        Assert.Empty(await stranger.ItemsAsync("/api/v1/deals?q=zenobia"));
        await using var connection = await fixture.OpenRuntimeAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM deals.match_deal_ids('%zenobia%', 100)", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync()); // no tenant set: nothing
    }

    private static void AssertIndexed(string plan, string index)
    {
        Assert.False(plan.Contains("Seq Scan", StringComparison.Ordinal), $"A sequential scan:\n{plan}");
        Assert.True(plan.Contains(index, StringComparison.Ordinal), $"{index} is not used:\n{plan}");
    }

    private async Task<NpgsqlConnection> OpenOwnerAsync()
    {
        var connection = await fixture.OpenOwnerAsync();
        await using var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection);
        set.Parameters.Add(new NpgsqlParameter { Value = _tenant.Id.ToString() });
        await set.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>EXPLAIN of the first page the list endpoint sends for this q (an owner's "all" scope).</summary>
    private async Task<string> PlanAsync(string q)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<ITenantContext>().SetTenant(_tenant.Id);
        var db = services.GetRequiredService<DealsDbContext>();
        var access = new AccessScope(new AllScope(_tenant.OwnerId), SystemActor.Instance);
        var catalog = new PipelineCatalog(db, services.GetRequiredService<UnitOfWork>(), services.GetRequiredService<ITenantContext>(), access,
            SystemActor.Instance, services.GetRequiredService<IUserDirectory>(), TimeProvider.System);
        var deals = new DealQueries(db, catalog, access, TimeProvider.System);
        var filter = new DealListQuery(null, null, null, null, null, null, q, null, null, null);
        var query = await deals.FilterAsync((await deals.VisibleAsync(DealsPermissions.DealsRead, CancellationToken.None)).AsNoTracking(), filter, CancellationToken.None);
        var spec = DealQueries.Sorts.Parse(null);
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

        return plan.AppendLine(sql).ToString();
    }

    /// <summary>EXPLAIN of the match function's inner query, as its definer (the owner role) with the tenant set.</summary>
    private async Task<string> OwnerPlanAsync(string sql, params object[] parameters)
    {
        await using var connection = await OpenOwnerAsync();
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
            Task.FromResult(new EffectivePermissions(
                userId,
                new Dictionary<string, PermissionScope> { [DealsPermissions.DealsRead] = PermissionScope.All, [DealsPermissions.PipelinesManage] = PermissionScope.All },
                [userId]));
    }
}
