using System.Net;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Leads.LeadsHttp;

namespace M3CoreCrm.IntegrationTests.Leads;

/// <summary>Filters, search, sorting, keyset paging and the CSV export of the same list.</summary>
[Collection("api")]
public sealed class LeadListTests(ApiFixture fixture) : IAsyncLifetime
{
    private LeadsTestTenant _tenant = null!;
    private Guid _agentA;
    private Guid _agentB;
    private List<JsonElement> _leads = null!;

    public async Task InitializeAsync()
    {
        _tenant = await LeadsTestTenant.SharedAsync(fixture, nameof(LeadListTests));
        if (await _tenant.CountAsync() > 0)
        {
            _leads = await ListAllAsync(_tenant.Owner, "/api/v1/leads?sort=createdAt&limit=200");
            _agentA = _leads.First(l => l.GetProperty("firstName").GetString() == "Alpha").GetProperty("ownerId").GetGuid();
            _agentB = _leads.First(l => l.GetProperty("firstName").GetString() == "Bravo").GetProperty("ownerId").GetGuid();
            return;
        }

        _agentA = (await _tenant.AddUserAsync("Agent")).UserId;
        _agentB = (await _tenant.AddUserAsync("Agent")).UserId;
        var specs = new (string First, string Last, string Source, Guid? Owner, string[] Tags, string? Phone)[]
        {
            ("Alpha", "Zayed", "website", _agentA, ["vip", "cash"], "+971501112233"),
            ("Bravo", "Young", "portal", _agentB, ["vip"], null),
            ("Charlie", "Xu", "referral", _agentA, [], null),
            ("Delta", "Walker", "walkIn", null, ["cash"], null),
            ("Echo", "Vance", "campaign", _agentB, ["vip", "cash", "investor"], null),
            ("Foxtrot", "Usman", "social", _tenant.OwnerId, [], null),
            ("Golf", "Thomas", "other", _agentA, ["investor"], null),
            ("Hotel", "Singh", "website", _agentB, [], null),
            ("India", "Rao", "portal", _agentA, ["vip"], null),
            ("Juliett", "Quinn", "website", null, [], null),
            ("Kilo", "Perez", "referral", _agentB, ["cash"], null),
            ("Lima", "Olsen", "website", _agentA, [], null),
        };
        foreach (var spec in specs)
        {
            var lead = await CreateAsync(_tenant.Owner, NewLead(spec.First, spec.Last, email: $"{spec.First.ToLowerInvariant()}.{spec.Last.ToLowerInvariant()}@mail{spec.First.Length}.example.com",
                phone: spec.Phone, source: spec.Source, extra: new { ownerId = spec.Owner, tags = spec.Tags }));
            if (spec.First is "Charlie" or "Hotel")
            {
                using (await StatusAsync(_tenant.Owner, lead.Id(), "contacted"))
                {
                }
            }
        }

        _leads = await ListAllAsync(_tenant.Owner, "/api/v1/leads?sort=createdAt&limit=200");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("status=contacted", "Charlie,Hotel")]
    [InlineData("status=contacted,new&source=website", "Alpha,Hotel,Juliett,Lima")]
    [InlineData("source=walkIn", "Delta")]
    [InlineData("source=WALKIN,Social", "Delta,Foxtrot")]
    [InlineData("tags=vip,cash", "Alpha,Echo")]
    [InlineData("tags=Investor", "Echo,Golf")]
    [InlineData("q=ZAY", "Alpha")]
    [InlineData("q=olsen@mail4", "Lima")]
    [InlineData("q=050 111 22", "Alpha")]
    [InlineData("q=%2B9715011", "Alpha")]
    [InlineData("q=100%25", "")]
    [InlineData("q=a_b", "")]
    public async Task Filters_and_search_select_the_expected_leads(string query, string expected)
    {
        var names = (await ListAllAsync(_tenant.Owner, $"/api/v1/leads?sort=createdAt&{query}")).Select(l => l.GetProperty("firstName").GetString()).ToList();

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), names);
    }

    [Fact]
    public async Task Owner_group_and_created_range_filters()
    {
        var ofA = await ListAllAsync(_tenant.Owner, $"/api/v1/leads?ownerId={_agentA}&sort=createdAt");
        Assert.Equal(["Alpha", "Charlie", "Golf", "India", "Lima"], ofA.Select(l => l.GetProperty("firstName").GetString()!));

        var group = await _tenant.AddGroupAsync(_agentB, _tenant.OwnerId);
        var ofGroup = await ListAllAsync(_tenant.Owner, $"/api/v1/leads?groupId={group}&sort=createdAt");
        Assert.Equal(["Bravo", "Echo", "Foxtrot", "Hotel", "Kilo"], ofGroup.Select(l => l.GetProperty("firstName").GetString()!));
        Assert.Empty(await ListAllAsync(_tenant.Owner, $"/api/v1/leads?groupId={Guid.NewGuid()}"));

        var from = _leads[3].GetProperty("createdAt").GetDateTimeOffset();
        var to = _leads[6].GetProperty("createdAt").GetDateTimeOffset();
        var range = await ListAllAsync(_tenant.Owner,
            $"/api/v1/leads?sort=createdAt&createdFrom={Uri.EscapeDataString(from.ToString("O"))}&createdTo={Uri.EscapeDataString(to.ToString("O"))}");
        Assert.Equal(["Delta", "Echo", "Foxtrot"], range.Select(l => l.GetProperty("firstName").GetString()!));
    }

    [Theory]
    [InlineData("-createdAt")]
    [InlineData("createdAt")]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("-updatedAt,name")]
    public async Task Keyset_pages_visit_every_lead_once_in_sort_order(string sort)
    {
        using var whole = await _tenant.Owner.GetAsync($"/api/v1/leads?sort={sort}&limit=200&includeTotal=true");
        var page = await ReadAsync(whole, HttpStatusCode.OK);
        var expected = page.GetProperty("items").EnumerateArray().Select(l => l.Id()).ToList();
        Assert.Equal(_leads.Count, page.GetProperty("total").GetInt64());

        var paged = await ListAllAsync(_tenant.Owner, $"/api/v1/leads?sort={sort}&limit=5");

        Assert.Equal(expected, paged.Select(l => l.Id()));
        Assert.Equal(_leads.Count, expected.Count);
        if (sort == "name")
        {
            Assert.Equal(["Alpha Zayed", "Bravo Young", "Charlie Xu"], paged.Take(3).Select(l => l.GetProperty("fullName").GetString()!));
        }
    }

    [Theory]
    [InlineData("-createdAt", "")]
    [InlineData("name", "")]
    [InlineData("-updatedAt,name", "")]
    [InlineData("-createdAt", "&tags=vip")]
    public async Task A_search_matching_most_leads_pages_like_the_unsearched_list(string sort, string tags)
    {
        // Every email ends in .example.com: dense enough for the filtered index scan instead of the id list.
        Assert.True(_leads.Count >= 10, "The dense search path needs at least 10 matches.");
        var expected = (await ListAllAsync(_tenant.Owner, $"/api/v1/leads?sort={sort}{tags}&limit=200")).Select(l => l.Id()).ToList();

        var paged = await ListAllAsync(_tenant.Owner, $"/api/v1/leads?q=example.com&sort={sort}{tags}&limit=4");

        Assert.Equal(expected, paged.Select(l => l.Id()));
    }

    [Fact]
    public async Task Without_includeTotal_no_total_is_computed()
    {
        using var response = await _tenant.Owner.GetAsync("/api/v1/leads?limit=2");
        var page = await ReadAsync(response, HttpStatusCode.OK);

        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("total").ValueKind);
        Assert.Equal(JsonValueKind.String, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Export_streams_the_filtered_list_as_csv()
    {
        using var response = await _tenant.Owner.GetAsync("/api/v1/leads/export?source=website&sort=createdAt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("leads-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,firstName,lastName,email,phone,source,status,unqualifiedReason,budgetMin,budgetMax,currency,projectId,unitType,bedrooms,tags,notes,ownerId,contactId,companyId,convertedAt,createdAt,updatedAt", lines[0]);
        Assert.Equal(5, lines.Length);
        var alpha = _leads.First(l => l.GetProperty("firstName").GetString() == "Alpha");
        Assert.StartsWith($"{alpha.Id()},Alpha,Zayed,alpha.zayed@mail5.example.com,+971501112233,website,new,,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",vip;cash,", lines[1], StringComparison.Ordinal);
        Assert.Contains($",{_agentA},", lines[1], StringComparison.Ordinal);
        Assert.Contains(",Lima,Olsen,", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_escapes_spreadsheet_formulas_in_free_text()
    {
        var tenant = await LeadsTestTenant.SharedAsync(fixture, nameof(Export_escapes_spreadsheet_formulas_in_free_text));
        await CreateAsync(tenant.Owner, NewLead("=HYPERLINK(\"http://x\")", "-Minus", email: NewEmail(), extra: new { notes = "line one\nline, two" }));

        using var response = await tenant.Owner.GetAsync("/api/v1/leads/export");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\",'-Minus,", text, StringComparison.Ordinal);
        Assert.Contains("\"line one\nline, two\"", text, StringComparison.Ordinal);
    }
}
