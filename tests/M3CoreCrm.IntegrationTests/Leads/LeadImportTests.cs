using System.Net;
using System.Text;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Npgsql;
using static M3CoreCrm.IntegrationTests.Leads.LeadsHttp;

namespace M3CoreCrm.IntegrationTests.Leads;

/// <summary>CSV import: the report, duplicates, rejected rows, structural errors (400 naming the row) and batches.</summary>
[Collection("api")]
public sealed class LeadImportTests(ApiFixture fixture) : IAsyncLifetime
{
    private LeadsTestTenant _tenant = null!;

    public async Task InitializeAsync() => _tenant = await LeadsTestTenant.CreateAsync(fixture);

    public Task DisposeAsync()
    {
        _tenant.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Import_reports_created_duplicate_and_rejected_rows()
    {
        var existing = await CreateAsync(_tenant.Owner, NewLead("Existing", email: "taken@example.com", phone: "+971509990001"));
        var csv = """
            FirstName,lastName,email,phone,source,budgetMin,budgetMax,currency,unitType,bedrooms,tags,notes,ownerId,projectId
            Ali,Hassan,ali.hassan@example.com,+971 50 999 0002,portal,1500000,2000000,aed,apartment,2,VIP;investor,"Likes the marina, sea view",,
            Taken,ByEmail,TAKEN@example.com,,website,,,,,,,,,
            Taken,ByPhone,,+971509990001,website,,,,,,,,,
            Bad,Email,not-an-email,,website,,,,,,,,,
            Bad,Budget,b@example.com,,website,-5,10,AED,,,,,,
            Bad,Source,c@example.com,,newspaper,,,,,,,,,
            Bad,Owner,d@example.com,,website,,,,,,,,00000000-0000-0000-0000-00000000abcd,
            ,NoName,e@example.com,,website,,,,,,,,,
            Twice,InFile,twice@example.com,,referral,,,,,,,,,
            Twice,Again,TWICE@example.com,,referral,,,,,,,,,
            Nour,Saleh,,+971 50 999 0003,walkin,,,,villa,five,,,,
            Mona,Aziz,mona@example.com,,,,,,,,,,,not-a-uuid

            """;

        using var response = await PostCsvAsync(_tenant.Owner, csv);
        var report = await ReadAsync(response, HttpStatusCode.OK);

        Assert.True(report.GetProperty("created").GetInt32() == 2, report.ToString());
        Assert.Equal(12, report.GetProperty("rows").GetInt32());
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        var duplicates = report.GetProperty("duplicates").EnumerateArray().Select(d => (d.GetProperty("row").GetInt32(), d.GetProperty("existingId").GetGuid())).ToList();
        var twice = (await ListAllAsync(_tenant.Owner, "/api/v1/leads?q=twice@example")).Single();
        Assert.Equal([(3, existing.Id()), (4, existing.Id()), (11, twice.Id())], duplicates);
        var rejected = report.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32(), r => r.GetProperty("errors"));
        Assert.Equal([5, 6, 7, 8, 9, 12, 13], rejected.Keys.Order());
        Assert.True(rejected[5].TryGetProperty("email", out _));
        Assert.True(rejected[6].TryGetProperty("budgetMin", out _));
        Assert.True(rejected[7].TryGetProperty("source", out _));
        Assert.True(rejected[8].TryGetProperty("ownerId", out _));
        Assert.True(rejected[9].TryGetProperty("firstName", out _));
        Assert.True(rejected[12].TryGetProperty("bedrooms", out _));
        Assert.True(rejected[13].TryGetProperty("projectId", out _));

        var ali = (await ListAllAsync(_tenant.Owner, "/api/v1/leads?q=ali.hassan")).Single();
        Assert.Equal("+971509990002", ali.GetProperty("phone").GetString());
        Assert.Equal("portal", ali.GetProperty("source").GetString());
        Assert.Equal("AED", ali.GetProperty("budget").GetProperty("currency").GetString());
        Assert.Equal(2, ali.GetProperty("interest").GetProperty("bedrooms").GetInt32());
        Assert.Equal(["vip", "investor"], ali.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!));
        Assert.Equal("Likes the marina, sea view", ali.GetProperty("notes").GetString());
        Assert.Equal(3, await _tenant.CountAsync());
    }

    [Fact]
    public async Task AllowDuplicate_imports_duplicates_too()
    {
        await CreateAsync(_tenant.Owner, NewLead("Existing", email: "again@example.com"));

        using var response = await PostCsvAsync(_tenant.Owner, "firstName,email\nAgain,again@example.com\nAgain,again@example.com\n", "?allowDuplicate=true");

        var report = await ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(0, report.GetProperty("duplicates").GetArrayLength());
        Assert.Equal(3, await _tenant.CountAsync());
    }

    [Theory]
    [InlineData("firstName,email,fax\nA,a@example.com,1\n", "import.invalid_header", 1, "fax")]
    [InlineData("lastName,email\nB,b@example.com\n", "import.invalid_header", 1, "firstName")]
    [InlineData("firstName,notes\nC,hello\n", "import.invalid_header", 1, "email")]
    [InlineData("firstName,email,Email\nD,d@example.com,d@example.com\n", "import.invalid_header", 1, "twice")]
    [InlineData("firstName;email\nE;e@example.com\n", "import.invalid_header", 1, "firstName;email")]
    [InlineData("", "import.invalid_header", 1, "empty")]
    [InlineData("firstName,email\nF,f@example.com\nG,\"g@example.com\nH,h@example.com\n", "import.malformed_csv", 3, "Row 3")]
    [InlineData("firstName,email\nF,f@example.com\nG,g\"@example.com\n", "import.malformed_csv", 3, "Row 3")]
    [InlineData("firstName,email\nF,f@example.com\n\"G\"x,g@example.com\n", "import.malformed_csv", 3, "Row 3")]
    [InlineData("firstName,email\nF,f@example.com\nG,g@example.com,extra\n", "import.malformed_csv", 3, "Row 3")]
    public async Task A_broken_file_is_refused_whole_with_400_naming_the_row(string csv, string code, int row, string mention)
    {
        using var response = await PostCsvAsync(_tenant.Owner, csv);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Equal(row, problem.GetProperty("row").GetInt32());
        Assert.Contains(mention, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await _tenant.CountAsync());
    }

    [Fact]
    public async Task The_body_must_be_csv_and_at_most_50000_rows()
    {
        using var json = await _tenant.Owner.PostAsync("/api/v1/leads/import", new StringContent("""{"firstName":"A"}""", Encoding.UTF8, "application/json"));
        await ProblemAsync(json, HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");

        var big = new StringBuilder("firstName,email\n");
        for (var i = 0; i < 50_001; i++)
        {
            big.Append("N,n").Append(i).Append("@example.com\n");
        }

        using var tooMany = await PostCsvAsync(_tenant.Owner, big.ToString());
        var problem = await ProblemAsync(tooMany, HttpStatusCode.BadRequest, "import.too_many_rows");
        Assert.Equal(50_002, problem.GetProperty("row").GetInt32());
        Assert.Equal(0, await _tenant.CountAsync());
    }

    [Fact]
    public async Task Bodies_over_the_default_1MB_limit_are_accepted_by_the_import()
    {
        var csv = new StringBuilder("firstName,email,notes\n");
        var notes = new string('n', 3_000);
        for (var i = 0; i < 400; i++)
        {
            csv.Append("Big").Append(i).Append(",big").Append(i).Append("@example.com,").Append(notes).Append('\n');
        }

        Assert.True(csv.Length > 1024 * 1024);
        using var response = await PostCsvAsync(_tenant.Owner, csv.ToString());

        Assert.Equal(400, (await ReadAsync(response, HttpStatusCode.OK)).GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task Each_batch_of_500_rows_commits_or_rolls_back_whole()
    {
        var csv = new StringBuilder("firstName,email\n");
        for (var i = 0; i < 1_200; i++)
        {
            // Row 702 (the 701st data row) is in the second batch (rows 502-1001); the trigger below makes it fail.
            csv.Append(i == 700 ? "Boom" : "Bulk" + i).Append(",bulk").Append(i).Append("@example.com\n");
        }

        await using (var superuser = await fixture.OpenSuperuserAsync())
        await using (var create = new NpgsqlCommand(
            """
            CREATE OR REPLACE FUNCTION leads.test_refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.first_name = 'Boom' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER test_refuse_boom BEFORE INSERT ON leads.leads FOR EACH ROW EXECUTE FUNCTION leads.test_refuse_boom();
            """, superuser))
        {
            await create.ExecuteNonQueryAsync();
        }

        JsonElement report;
        try
        {
            using var response = await PostCsvAsync(_tenant.Owner, csv.ToString());
            report = await ReadAsync(response, HttpStatusCode.OK);
        }
        finally
        {
            await using var superuser = await fixture.OpenSuperuserAsync();
            await using var drop = new NpgsqlCommand(
                "DROP TRIGGER test_refuse_boom ON leads.leads; DROP FUNCTION leads.test_refuse_boom();", superuser);
            await drop.ExecuteNonQueryAsync();
        }

        Assert.Equal(700, report.GetProperty("created").GetInt32());
        var rejected = report.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(502, 500), rejected);
        Assert.Equal(700, await _tenant.CountAsync());
        Assert.Equal(0, await _tenant.CountAsync("first_name = 'Bulk600' OR first_name = 'Bulk999'"));
        Assert.Equal(1, await _tenant.CountAsync("first_name = 'Bulk1000'"));

        // A retry of the same file creates exactly the rolled-back rows: the others are duplicates now.
        using var retry = await PostCsvAsync(_tenant.Owner, csv.ToString().Replace("Boom", "Bulk700", StringComparison.Ordinal));
        var second = await ReadAsync(retry, HttpStatusCode.OK);
        Assert.Equal(500, second.GetProperty("created").GetInt32());
        Assert.Equal(700, second.GetProperty("duplicates").GetArrayLength());
        Assert.Equal(1_200, await _tenant.CountAsync());
    }

    [Fact]
    public async Task Agents_import_leads_for_themselves_only()
    {
        var (agentId, agent) = await _tenant.AddUserAsync("Agent");

        using var response = await PostCsvAsync(agent, $"firstName,email,ownerId\nMine,mine@example.com,\nAlsoMine,also@example.com,{agentId}\nTheirs,theirs@example.com,{_tenant.OwnerId}\n");

        var report = await ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        var rejected = Assert.Single(report.GetProperty("rejected").EnumerateArray());
        Assert.Equal(4, rejected.GetProperty("row").GetInt32());
        Assert.True(rejected.GetProperty("errors").TryGetProperty("ownerId", out _));
        Assert.All(await ListAllAsync(agent, "/api/v1/leads"), l => Assert.Equal(agentId, l.GetProperty("ownerId").GetGuid()));
    }

    private static async Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string csv, string query = "") =>
        await client.PostAsync($"/api/v1/leads/import{query}", new StringContent(csv, Encoding.UTF8, "text/csv"));
}
