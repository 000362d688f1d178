using System.Net;
using System.Net.Http.Json;
using System.Text;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Leads.LeadsHttp;

namespace M3CoreCrm.IntegrationTests.Leads;

/// <summary>Bad input is a clear 4xx naming the field, parameter or row, never a 500, and writes nothing.</summary>
[Collection("api")]
public sealed class LeadBadInputTests(ApiFixture fixture) : IAsyncLifetime
{
    private LeadsTestTenant _tenant = null!;

    public async Task InitializeAsync() => _tenant = await LeadsTestTenant.SharedAsync(fixture, nameof(LeadBadInputTests));

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> InvalidFields => new()
    {
        { """{"firstName":"","email":"a@example.com"}""", "firstName" },
        { """{"email":"a@example.com"}""", "firstName" },
        { $$"""{"firstName":"{{new string('x', 10_000)}}","email":"a@example.com"}""", "firstName" },
        { """{"firstName":"Ann","lastName":"Tab\tName","email":"a@example.com"}""", "lastName" },
        { """{"firstName":"Ann"}""", "email" },
        { """{"firstName":"Ann","email":"not-an-email"}""", "email" },
        { """{"firstName":"Ann","email":"a@b"}""", "email" },
        { """{"firstName":"Ann","phone":"0501234567"}""", "phone" },
        { """{"firstName":"Ann","phone":"+971 12"}""", "phone" },
        { """{"firstName":"Ann","phone":"call me"}""", "phone" },
        { """{"firstName":"Ann","email":"a@example.com","budget":{"min":-1,"currency":"AED"}}""", "budget.min" },
        { """{"firstName":"Ann","email":"a@example.com","budget":{"min":5,"max":4,"currency":"AED"}}""", "budget.max" },
        { """{"firstName":"Ann","email":"a@example.com","budget":{"min":1.234,"currency":"AED"}}""", "budget.min" },
        { """{"firstName":"Ann","email":"a@example.com","budget":{"max":100000000000000000,"currency":"AED"}}""", "budget.max" },
        { """{"firstName":"Ann","email":"a@example.com","budget":{"min":5}}""", "budget.currency" },
        { """{"firstName":"Ann","email":"a@example.com","budget":{"min":5,"currency":"XYZ"}}""", "budget.currency" },
        { """{"firstName":"Ann","email":"a@example.com","interest":{"bedrooms":99}}""", "interest.bedrooms" },
        { """{"firstName":"Ann","email":"a@example.com","tags":["ok","bad;tag"]}""", "tags[1]" },
        { """{"firstName":"Ann","email":"a@example.com","notes":"NOTES"}""".Replace("NOTES", new string('n', 4001), StringComparison.Ordinal), "notes" },
        { """{"firstName":"Ann","email":"a@example.com","ownerId":"00000000-0000-0000-0000-000000000000"}""", "ownerId" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Invalid_fields_give_400_naming_the_field_and_write_nothing(string body, string field)
    {
        var before = await _tenant.CountAsync();

        using var response = await _tenant.Owner.PostAsync("/api/v1/leads", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {problem}");
        Assert.Equal(before, await _tenant.CountAsync());
    }

    [Theory]
    [InlineData("""{"firstName":"Ann","email":"a@example.com","source":"newspaper"}""", "source")]
    [InlineData("""{"firstName":"Ann","email":"a@example.com","source":3}""", "source")]
    [InlineData("""{"firstName":"Ann","email":"a@example.com","budget":{"min":"lots"}}""", "budget.min")]
    [InlineData("""{"firstName":"Ann","email":"a@example.com","interest":{"projectId":"nope"}}""", "interest.projectId")]
    [InlineData("""{"firstName":"Ann","email":"a@example.com","surprise":true}""", "surprise")]
    [InlineData("""{"firstName":"Ann",""", "")]
    public async Task Unreadable_json_gives_400_naming_the_member(string body, string member)
    {
        var before = await _tenant.CountAsync();

        using var response = await _tenant.Owner.PostAsync("/api/v1/leads", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(member, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await _tenant.CountAsync());
    }

    [Theory]
    [InlineData("?cursor=garbage", "paging.invalid_cursor")]
    [InlineData("?limit=0", "paging.invalid_limit")]
    [InlineData("?limit=201", "paging.invalid_limit")]
    [InlineData("?sort=email", "paging.invalid_sort")]
    [InlineData("?status=won", "validation.failed")]
    [InlineData("?source=tv", "validation.failed")]
    [InlineData("?q=ab", "validation.failed")]
    [InlineData("?tags=a;b", "validation.failed")]
    [InlineData("?createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z", "validation.failed")]
    [InlineData("?ownerId=nobody", "request.invalid")]
    [InlineData("?createdFrom=yesterday", "request.invalid")]
    public async Task Bad_list_parameters_give_400(string query, string code)
    {
        using var list = await _tenant.Owner.GetAsync($"/api/v1/leads{query}");
        await ProblemAsync(list, HttpStatusCode.BadRequest, code);
        using var export = await _tenant.Owner.GetAsync($"/api/v1/leads/export{query}");
        if (!query.Contains("cursor", StringComparison.Ordinal) && !query.Contains("limit", StringComparison.Ordinal))
        {
            await ProblemAsync(export, HttpStatusCode.BadRequest, code);
        }
    }

    [Fact]
    public async Task A_tampered_or_foreign_cursor_is_refused()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(_tenant.Owner, NewLead($"Page{i}"));
        }

        using var first = await _tenant.Owner.GetAsync("/api/v1/leads?limit=1");
        var cursor = (await ReadAsync(first, HttpStatusCode.OK)).GetProperty("nextCursor").GetString()!;
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];

        using var edited = await _tenant.Owner.GetAsync($"/api/v1/leads?limit=1&cursor={Uri.EscapeDataString(tampered)}");
        await ProblemAsync(edited, HttpStatusCode.BadRequest, "paging.invalid_cursor");
        using var otherSort = await _tenant.Owner.GetAsync($"/api/v1/leads?limit=1&sort=name&cursor={Uri.EscapeDataString(cursor)}");
        await ProblemAsync(otherSort, HttpStatusCode.BadRequest, "paging.cursor_sort_mismatch");
    }

    [Fact]
    public async Task Unknown_ids_and_bodies_on_the_actions_are_4xx()
    {
        var id = (await CreateAsync(_tenant.Owner, NewLead())).Id();

        using var missing = await _tenant.Owner.GetAsync($"/api/v1/leads/{Guid.NewGuid()}");
        await ProblemAsync(missing, HttpStatusCode.NotFound, "lead.not_found");
        using var notGuid = await _tenant.Owner.GetAsync("/api/v1/leads/not-a-guid");
        await ProblemAsync(notGuid, HttpStatusCode.NotFound);
        using var assignNobody = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{id}/assign", new { userId = Guid.Empty });
        await ProblemAsync(assignNobody, HttpStatusCode.BadRequest, "validation.failed");
        using var badStatusBody = await _tenant.Owner.PostAsync($"/api/v1/leads/{id}/status", new StringContent("{}", Encoding.UTF8, "application/json"));
        await ProblemAsync(badStatusBody, HttpStatusCode.BadRequest, "validation.failed");
        using var convertBoth = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{id}/convert", new { company = new { existingCompanyId = Guid.NewGuid(), name = "Both Ltd" } });
        await ProblemAsync(convertBoth, HttpStatusCode.BadRequest, "validation.failed");
        using var badIfMatch = await SendAsync(_tenant.Owner, Json(HttpMethod.Patch, $"/api/v1/leads/{id}", new { notes = "x" }, "W/\"5\"", "application/merge-patch+json"));
        await ProblemAsync(badIfMatch, HttpStatusCode.PreconditionFailed);
        using var xml = await _tenant.Owner.PostAsync("/api/v1/leads", new StringContent("<lead/>", Encoding.UTF8, "application/xml"));
        await ProblemAsync(xml, HttpStatusCode.UnsupportedMediaType);
    }
}
