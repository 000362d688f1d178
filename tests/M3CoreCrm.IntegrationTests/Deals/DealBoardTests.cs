using System.Net;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Deals;

/// <summary>The board (figures per stage and currency, paged columns) and the forecast by month, against known data.</summary>
[Collection("api")]
public sealed class DealBoardTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_board_totals_and_weighs_amounts_per_stage_and_currency()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var (qualified, offer) = (pipeline.StageId("Qualified"), pipeline.StageId("Offer")); // 20% and 60%
        await client.CreateDealAsync(new { title = "Q1", stageId = qualified, amount = 1_000_000m, currency = "AED" });
        await client.CreateDealAsync(new { title = "Q2", stageId = qualified, amount = 500_000.55m, currency = "AED" });
        await client.CreateDealAsync(new { title = "Q3", stageId = qualified, amount = 200_000m, currency = "USD" });
        await client.CreateDealAsync(new { title = "O1", stageId = offer, amount = 2_000_000m, currency = "AED" });
        var gone = await client.CreateDealAsync(new { title = "Deleted", stageId = offer, amount = 9_000_000m, currency = "AED" });
        (await client.DropAsync($"/api/v1/deals/{gone.Id()}")).Expect(HttpStatusCode.NoContent);
        var won = await client.CreateDealAsync(new { title = "W1", stageId = offer, amount = 750_000m, currency = "EUR" });
        (await client.PostAsync($"/api/v1/deals/{won.Id()}/win")).Ok();
        var other = await client.CreatePipelineAsync("Leasing");
        await client.CreateDealAsync(new { title = "Elsewhere", pipelineId = other.Id(), amount = 99_000m });

        var board = (await client.FetchAsync($"/api/v1/deals/board?pipelineId={pipeline.Id()}")).Ok();

        Assert.Equal(pipeline.Id(), board.GetProperty("pipelineId").GetGuid());
        var columns = board.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(pipeline.GetProperty("stages").EnumerateArray().Select(s => s.Id()), columns.Select(c => c.GetProperty("stage").Id()));
        var byStage = columns.ToDictionary(c => c.GetProperty("stage").Str("name"));

        Assert.Equal(3, byStage["Qualified"].GetProperty("count").GetInt32());
        Assert.Equal(
            [("AED", 2, 1_500_000.55m, 300_000.11m), ("USD", 1, 200_000m, 40_000m)],
            Totals(byStage["Qualified"]));
        Assert.Equal([("AED", 1, 2_000_000m, 1_200_000m)], Totals(byStage["Offer"]));
        Assert.Equal([("EUR", 1, 750_000m, 750_000m)], Totals(byStage["Won"]));
        Assert.Equal(0, byStage["Lost"].GetProperty("count").GetInt32());
        Assert.Empty(Totals(byStage["New inquiry"]));
        Assert.Equal(["Q3", "Q2", "Q1"], byStage["Qualified"].GetProperty("deals").EnumerateArray().Select(d => d.Str("title")));
        Assert.Equal(JsonValueKind.Null, byStage["Qualified"].GetProperty("nextCursor").ValueKind);

        // Without pipelineId: the default pipeline.
        var byDefault = (await client.FetchAsync("/api/v1/deals/board")).Ok();
        Assert.Equal(pipeline.Id(), byDefault.GetProperty("pipelineId").GetGuid());
        (await client.FetchAsync($"/api/v1/deals/board?pipelineId={Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_board_column_pages_on_with_its_cursor()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var site = pipeline.StageId("Site visit");
        var made = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await client.CreateDealAsync(new { title = $"Visit {i}", stageId = site, amount = 10m * i })).Id());
        }

        await client.CreateDealAsync(new { title = "Elsewhere" });

        var board = (await client.FetchAsync($"/api/v1/deals/board?pipelineId={pipeline.Id()}&limit=2&sort=amount")).Ok();
        var column = board.GetProperty("stages").EnumerateArray().Single(c => c.GetProperty("stage").Id() == site);
        Assert.Equal(5, column.GetProperty("count").GetInt32());
        var seen = column.GetProperty("deals").EnumerateArray().Select(d => d.Id()).ToList();
        var cursor = column.GetProperty("nextCursor").GetString();
        while (cursor is not null)
        {
            var page = (await client.FetchAsync($"/api/v1/deals/board/stages/{site}?limit=2&sort=amount&cursor={Uri.EscapeDataString(cursor)}")).Ok();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(d => d.Id()));
            cursor = page.GetProperty("nextCursor").GetString();
        }

        Assert.Equal(made, seen);
        (await client.FetchAsync($"/api/v1/deals/board/stages/{site}?sort=-createdAt&cursor={Uri.EscapeDataString(column.GetProperty("nextCursor").GetString()!)}"))
            .Problem(HttpStatusCode.BadRequest, "paging.cursor_sort_mismatch");
        (await client.FetchAsync($"/api/v1/deals/board/stages/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_forecast_sums_open_deals_by_month_of_expected_close_weighted_by_probability()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var (offer, contract) = (pipeline.StageId("Offer"), pipeline.StageId("Contract")); // 60% and 90%
        await client.CreateDealAsync(new { title = "Jan A", stageId = offer, amount = 1_000_000m, expectedCloseDate = "2027-01-05" });
        await client.CreateDealAsync(new { title = "Jan B", stageId = contract, amount = 2_000_000m, expectedCloseDate = "2027-01-31" });
        await client.CreateDealAsync(new { title = "Jan USD", stageId = offer, amount = 100_000m, currency = "USD", expectedCloseDate = "2027-01-15" });
        await client.CreateDealAsync(new { title = "Mar", stageId = contract, amount = 500_000m, expectedCloseDate = "2027-03-01" });
        await client.CreateDealAsync(new { title = "Outside", stageId = contract, amount = 7_000_000m, expectedCloseDate = "2027-04-01" });
        await client.CreateDealAsync(new { title = "Undated", stageId = contract, amount = 7_000_000m });
        var lost = await client.CreateDealAsync(new { title = "Lost", stageId = offer, amount = 3_000_000m, expectedCloseDate = "2027-01-10" });
        (await client.PostAsync($"/api/v1/deals/{lost.Id()}/lose", new { reason = "No" })).Ok();

        var forecast = (await client.FetchAsync("/api/v1/deals/forecast?from=2027-01-01&to=2027-03-31")).Ok();

        var months = forecast.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(["2027-01", "2027-02", "2027-03"], months.Select(m => m.Str("month")));
        Assert.Equal([("AED", 2, 3_000_000m, 2_400_000m), ("USD", 1, 100_000m, 60_000m)], Totals(months[0]));
        Assert.Empty(Totals(months[1]));
        Assert.Equal([("AED", 1, 500_000m, 450_000m)], Totals(months[2]));

        var other = await client.CreatePipelineAsync("Leasing");
        await client.CreateDealAsync(new { title = "Lease", pipelineId = other.Id(), amount = 80_000m, expectedCloseDate = "2027-02-10" }); // 25%
        var onlyLeasing = (await client.FetchAsync($"/api/v1/deals/forecast?from=2027-01-01&to=2027-03-31&pipelineId={other.Id()}")).Ok();
        var leasingMonths = onlyLeasing.GetProperty("months").EnumerateArray().Select(Totals).ToList();
        Assert.Empty(leasingMonths[0]);
        Assert.Equal([("AED", 1, 80_000m, 20_000m)], leasingMonths[1]);
        Assert.Empty(leasingMonths[2]);

        (await client.FetchAsync("/api/v1/deals/forecast?from=2027-03-01&to=2027-01-01")).FieldError("from");
        (await client.FetchAsync("/api/v1/deals/forecast?to=2027-01-01")).FieldError("from");
        (await client.FetchAsync("/api/v1/deals/forecast?from=2020-01-01&to=2027-01-01")).FieldError("to");
    }

    private static List<(string Currency, int Count, decimal Total, decimal Weighted)> Totals(JsonElement group) =>
        group.GetProperty("totals").EnumerateArray()
            .Select(t => (t.Str("currency"), t.GetProperty("count").GetInt32(), t.GetProperty("total").GetDecimal(), t.GetProperty("weighted").GetDecimal()))
            .ToList();
}
