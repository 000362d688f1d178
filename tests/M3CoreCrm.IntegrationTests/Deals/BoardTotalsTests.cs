using System.Net;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace M3CoreCrm.IntegrationTests.Deals;

/// <summary>
/// deals.board_totals stays equal to a fresh GROUP BY over the live deals through every kind of change, and the board
/// read from it shows each caller exactly the figures of the deals their scope covers.
/// </summary>
[Collection("api")]
public sealed class BoardTotalsTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_totals_follow_every_change_of_a_deal()
    {
        var tenant = await fixture.CreateAsync();
        var agent = await fixture.AddUserAsync(tenant, "Agent");
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var (qualified, offer, contract) = (pipeline.StageId("Qualified"), pipeline.StageId("Offer"), pipeline.StageId("Contract"));
        var leasing = await client.CreatePipelineAsync("Leasing");

        var a = (await client.CreateDealAsync(new { title = "A", stageId = qualified, amount = 1_000_000.25m, currency = "AED" })).Id();
        var b = (await client.CreateDealAsync(new { title = "B", stageId = qualified, amount = 400_000m, currency = "USD" })).Id();
        var c = (await client.CreateDealAsync(new { title = "C", stageId = offer, amount = 250_000m, ownerId = agent.Id })).Id();
        await AssertTotalsMatchDealsAsync(tenant, expectedKeys: 3);

        var steps = new (string What, Func<Task<Reply>> Act)[]
        {
            ("amount", () => client.PatchAsync($"/api/v1/deals/{a}", new { amount = 1_200_000.5m })),
            ("title only", () => client.PatchAsync($"/api/v1/deals/{a}", new { title = "A renamed" })),
            ("currency", () => client.PatchAsync($"/api/v1/deals/{b}", new { currency = "EUR" })),
            ("amount and currency", () => client.PatchAsync($"/api/v1/deals/{b}", new { amount = 90_000m, currency = "AED" })),
            ("owner", () => client.PatchAsync($"/api/v1/deals/{a}", new { ownerId = agent.Id })),
            ("stage move", () => client.PostAsync($"/api/v1/deals/{c}/move", new { stageId = contract })),
            ("pipeline move", () => client.PostAsync($"/api/v1/deals/{b}/move", new { stageId = leasing.StageId("Viewing"), pipelineId = leasing.Id() })),
            ("win", () => client.PostAsync($"/api/v1/deals/{c}/win")),
            ("reopen", () => client.PostAsync($"/api/v1/deals/{c}/reopen", new { stageId = offer })),
            ("lose", () => client.PostAsync($"/api/v1/deals/{a}/lose", new { reason = "Budget" })),
            ("soft delete", () => client.DropAsync($"/api/v1/deals/{c}")),
            ("restore", () => client.PostAsync($"/api/v1/deals/{c}/restore")),
            ("soft delete again", () => client.DropAsync($"/api/v1/deals/{c}")),
        };
        foreach (var (what, act) in steps)
        {
            var reply = await act();
            Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{what}: {(int)reply.Status} {reply.Text}");
            await AssertTotalsMatchDealsAsync(tenant, because: what);
        }

        // Removing a stage moves its deals (the deleted one too) in one bulk UPDATE.
        await client.CreateDealAsync(new { title = "D", stageId = offer, amount = 10m });
        await client.CreateDealAsync(new { title = "E", stageId = offer, amount = 20m, ownerId = agent.Id });
        var etag = (await client.FetchAsync($"/api/v1/pipelines/{pipeline.Id()}")).ETag;
        (await client.DropAsync($"/api/v1/pipelines/{pipeline.Id()}/stages/{offer}?targetStageId={qualified}", etag)).Ok();
        await AssertTotalsMatchDealsAsync(tenant, because: "stage removal");
        await AssertBoardMatchesDealsAsync(client, tenant, pipeline.Id(), owners: null);

        // A hard delete (no endpoint does one; the owner role can) is subtracted too.
        await using (var owner = await fixture.OpenOwnerAsync())
        await using (var transaction = await owner.BeginTransactionAsync())
        {
            await using var setTenant = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true)", owner, transaction);
            setTenant.Parameters.Add(new NpgsqlParameter { Value = tenant.Id.ToString() });
            await setTenant.ExecuteScalarAsync();
            await using var delete = new NpgsqlCommand("DELETE FROM deals.deals WHERE tenant_id = $1 AND id = $2", owner, transaction);
            delete.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
            delete.Parameters.Add(new NpgsqlParameter { Value = b });
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
            await transaction.CommitAsync();
        }

        await AssertTotalsMatchDealsAsync(tenant, because: "hard delete");
    }

    [Fact]
    public async Task The_board_shows_each_scope_the_figures_of_its_own_deals()
    {
        var tenant = await fixture.CreateAsync();
        var (manager, member, outsider) = await fixture.AddTeamAsync(tenant);
        using var owner = await fixture.OwnerClientAsync(tenant);
        var pipeline = await owner.DefaultPipelineAsync();
        var stages = new[] { pipeline.StageId("Qualified"), pipeline.StageId("Offer"), pipeline.StageId("Contract") };
        var owners = new[] { tenant.OwnerId, manager.Id, member.Id, outsider.Id };
        for (var i = 0; i < 24; i++)
        {
            await owner.CreateDealAsync(new
            {
                title = $"Deal {i}",
                stageId = stages[i % stages.Length],
                ownerId = owners[i % owners.Length],
                amount = 100_000m + (i * 12_345.67m),
                currency = i % 5 == 0 ? "USD" : "AED",
            });
        }

        using var managerClient = await fixture.ClientAsync(tenant, manager);
        using var memberClient = await fixture.ClientAsync(tenant, member);
        await AssertBoardMatchesDealsAsync(owner, tenant, pipeline.Id(), owners: null);
        await AssertBoardMatchesDealsAsync(owner, tenant, pipeline.Id(), owners: [outsider.Id], ownerFilter: outsider.Id);
        await AssertBoardMatchesDealsAsync(managerClient, tenant, pipeline.Id(), owners: [manager.Id, member.Id]);
        await AssertBoardMatchesDealsAsync(managerClient, tenant, pipeline.Id(), owners: [member.Id], ownerFilter: member.Id);
        await AssertBoardMatchesDealsAsync(managerClient, tenant, pipeline.Id(), owners: [], ownerFilter: outsider.Id);
        await AssertBoardMatchesDealsAsync(memberClient, tenant, pipeline.Id(), owners: [member.Id]);
        await AssertBoardMatchesDealsAsync(memberClient, tenant, pipeline.Id(), owners: [], ownerFilter: tenant.OwnerId);
    }

    [Fact]
    public async Task Concurrent_updates_of_many_deals_keep_the_totals_exact()
    {
        var tenant = await fixture.CreateAsync();
        var agent = await fixture.AddUserAsync(tenant, "Agent");
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var (left, right) = (pipeline.StageId("Qualified"), pipeline.StageId("Offer"));
        var deals = new List<(Guid Id, int Index)>();
        for (var i = 0; i < 24; i++)
        {
            deals.Add(((await client.CreateDealAsync(new { title = $"Deal {i}", stageId = i % 2 == 0 ? left : right, amount = 1_000m * (i + 1) })).Id(), i));
        }

        // Half the deals cross left to right while the other half cross right to left (opposite lock orders if the
        // triggers took keys in row order), each also changing amount, currency and owner: every request touches
        // the same few totals rows.
        var failures = await Task.WhenAll(deals.Select(async deal =>
        {
            var problems = new List<string>();
            for (var round = 0; round < 4; round++)
            {
                var goingRight = (deal.Index + round) % 2 == 0;
                var replies = new[]
                {
                    await client.PostAsync($"/api/v1/deals/{deal.Id}/move", new { stageId = goingRight ? right : left }),
                    await client.PatchAsync($"/api/v1/deals/{deal.Id}", new
                    {
                        amount = (1_000m * (deal.Index + 1)) + round + 0.01m,
                        currency = round % 2 == 0 ? "USD" : "AED",
                        ownerId = round % 2 == 0 ? agent.Id : tenant.OwnerId,
                    }),
                };
                problems.AddRange(replies.Where(r => r.Status != HttpStatusCode.OK).Select(r => $"{(int)r.Status} {r.Text}"));
            }

            return problems;
        }));

        Assert.Empty(failures.SelectMany(f => f));
        await AssertTotalsMatchDealsAsync(tenant, because: "concurrent updates");
        await AssertBoardMatchesDealsAsync(client, tenant, pipeline.Id(), owners: null);
    }

    [Fact]
    public async Task A_binary_COPY_into_deals_as_the_bench_seeder_does_is_counted()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var stages = new[] { pipeline.StageId("New inquiry"), pipeline.StageId("Qualified") };
        await client.CreateDealAsync(new { title = "Before", stageId = stages[0], amount = 5m });

        await using (var connection = await fixture.OpenSuperuserAsync())
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY deals.deals (id, tenant_id, title, pipeline_id, stage_id, amount, currency, owner_id, unit_ids, status, stage_entered_at, created_at, updated_at) " +
            "FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < 500; i++)
            {
                var at = DateTimeOffset.UtcNow.AddMinutes(-i);
                await importer.StartRowAsync();
                await importer.WriteAsync(Guid.CreateVersion7(at), NpgsqlDbType.Uuid);
                await importer.WriteAsync(tenant.Id, NpgsqlDbType.Uuid);
                await importer.WriteAsync($"Copied {i}", NpgsqlDbType.Varchar);
                await importer.WriteAsync(pipeline.Id(), NpgsqlDbType.Uuid);
                await importer.WriteAsync(stages[i % 2], NpgsqlDbType.Uuid);
                await importer.WriteAsync(1_000m + i, NpgsqlDbType.Numeric);
                await importer.WriteAsync(i % 10 == 0 ? "USD" : "AED", NpgsqlDbType.Char);
                await importer.WriteAsync(tenant.OwnerId, NpgsqlDbType.Uuid);
                await importer.WriteAsync(Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                await importer.WriteAsync("Open", NpgsqlDbType.Varchar);
                await importer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }

            await importer.CompleteAsync();
        }

        await AssertTotalsMatchDealsAsync(tenant, because: "COPY", expectedKeys: 3);
        await AssertBoardMatchesDealsAsync(client, tenant, pipeline.Id(), owners: null);
    }

    /// <summary>The tenant's non-zero totals rows are exactly a fresh GROUP BY over its live deals (and zero rows hold no amount).</summary>
    private async Task AssertTotalsMatchDealsAsync(TestTenant tenant, string because = "", int? expectedKeys = null)
    {
        const string Totals =
            "SELECT pipeline_id, stage_id, currency, owner_id, deal_count::bigint, amount_sum FROM deals.board_totals " +
            "WHERE tenant_id = $1 AND (deal_count <> 0 OR amount_sum <> 0)";
        const string Fresh =
            "SELECT pipeline_id, stage_id, currency, owner_id, count(*), sum(amount) FROM deals.deals " +
            "WHERE tenant_id = $1 AND deleted_at IS NULL GROUP BY 1, 2, 3, 4";
        var mismatches = await fixture.ScalarAsync<long>(
            $"SELECT (SELECT count(*) FROM ({Totals} EXCEPT ALL {Fresh}) AS extra) + (SELECT count(*) FROM ({Fresh} EXCEPT ALL {Totals}) AS missing)",
            tenant.Id);
        Assert.True(mismatches == 0, $"board_totals differs from the deals in {mismatches} row(s) after: {because}");
        if (expectedKeys is { } keys)
        {
            Assert.Equal(keys, await fixture.ScalarAsync<long>("SELECT count(*) FROM deals.board_totals WHERE tenant_id = $1 AND deal_count > 0", tenant.Id));
        }
    }

    /// <summary>
    /// The board's count and per-currency figures of every stage equal a GROUP BY over the live deals of the given
    /// owners (null: every owner), optionally asked with ?ownerId=.
    /// </summary>
    private async Task AssertBoardMatchesDealsAsync(HttpClient client, TestTenant tenant, Guid pipelineId, Guid[]? owners, Guid? ownerFilter = null)
    {
        var url = $"/api/v1/deals/board?pipelineId={pipelineId}" + (ownerFilter is { } o ? $"&ownerId={o}" : string.Empty);
        var board = (await client.FetchAsync(url)).Ok();
        var shown = board.GetProperty("stages").EnumerateArray()
            .SelectMany(c => c.GetProperty("totals").EnumerateArray().Select(t => (
                Stage: c.GetProperty("stage").Id(),
                Currency: t.Str("currency"),
                Count: (long)t.GetProperty("count").GetInt32(),
                Total: t.GetProperty("total").GetDecimal())))
            .OrderBy(x => x.Stage).ThenBy(x => x.Currency, StringComparer.Ordinal)
            .ToList();
        foreach (var column in board.GetProperty("stages").EnumerateArray())
        {
            Assert.Equal(
                column.GetProperty("totals").EnumerateArray().Sum(t => t.GetProperty("count").GetInt32()),
                column.GetProperty("count").GetInt32());
        }

        await using var connection = await fixture.OpenSuperuserAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT stage_id, currency, count(*), sum(amount) FROM deals.deals
             WHERE tenant_id = $1 AND pipeline_id = $2 AND deleted_at IS NULL AND ($3::uuid[] IS NULL OR owner_id = ANY($3))
             GROUP BY 1, 2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = pipelineId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)owners ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        var expected = new List<(Guid Stage, string Currency, long Count, decimal Total)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expected.Add((reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), reader.GetDecimal(3)));
            }
        }

        Assert.Equal(expected.OrderBy(x => x.Stage).ThenBy(x => x.Currency, StringComparer.Ordinal).ToList(), shown);
    }
}
