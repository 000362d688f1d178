using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Contacts.ContactsKit;

namespace M3CoreCrm.IntegrationTests.Contacts;

[Collection("api")]
public sealed class CompanyTests(ApiFixture fixture)
{
    [Fact]
    public async Task Company_crud_with_etag_soft_delete_and_restore()
    {
        using var world = await fixture.NewTenantAsync();

        using var create = await world.Owner.PostAsJsonAsync("/api/v1/companies", new
        {
            name = "Golden Sands Development",
            domain = "GoldenSands-Dev.com",
            industry = "Real estate development",
            phone = "+971 4 345 6789",
            address = new { line1 = "Bay Square Building 5", city = "Dubai", country = "AE" },
            tags = new[] { "Developer", "key-account" },
        });
        var company = await ExpectAsync(create, HttpStatusCode.Created);
        var id = company.Id();
        var uri = $"/api/v1/companies/{id}";
        Assert.Equal(uri, create.Headers.Location?.OriginalString);
        Assert.Equal("goldensands-dev.com", company.Str("domain"));
        Assert.Equal("+97143456789", company.Str("phone"));
        Assert.Equal(["developer", "key-account"], company.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal(world.Tenant.OwnerId, company.GetProperty("ownerId").GetGuid());

        var (read, etag) = await world.Owner.GetWithETagAsync(uri);
        Assert.Equal(company.GetRawText(), read.GetRawText());

        using (var patch = await world.Owner.PatchJsonAsync(uri, """{"industry": null, "address": {"city": "Abu Dhabi"}, "name": "Golden Sands"}""", etag))
        {
            var patched = await ExpectAsync(patch, HttpStatusCode.OK);
            Assert.Null(patched.Str("industry"));
            Assert.Equal("Abu Dhabi", patched.GetProperty("address").Str("city"));
            Assert.Equal("Bay Square Building 5", patched.GetProperty("address").Str("line1"));
            Assert.Equal("Golden Sands", patched.Str("name"));
        }

        using (var stale = await world.Owner.PatchJsonAsync(uri, """{"name": "Stale"}""", etag))
        {
            await ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        }

        using (var staleDelete = await world.Owner.DeleteAsync(uri, etag))
        {
            await ExpectProblemAsync(staleDelete, HttpStatusCode.PreconditionFailed);
        }

        using (var delete = await world.Owner.DeleteAsync(uri, null))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        await world.Owner.GetJsonAsync(uri, HttpStatusCode.NotFound);
        Assert.Empty((await world.Owner.GetJsonAsync("/api/v1/companies")).ItemIds());
        using (var restore = await world.Owner.PostAsync(new Uri(uri + "/restore", UriKind.Relative), null))
        {
            Assert.Equal("Golden Sands", (await ExpectAsync(restore, HttpStatusCode.OK)).Str("name"));
        }

        Assert.Equal([id], (await world.Owner.GetJsonAsync("/api/v1/companies")).ItemIds());
    }

    [Fact]
    public async Task Company_lists_page_sort_filter_and_search()
    {
        using var world = await fixture.NewTenantAsync();
        var (agentId, agent) = await fixture.AddUserAsync(world.Tenant, "Manager");
        agent.Dispose();
        var names = new[] { "Silver Dune Developers", "Blue Lagoon Realty", "Atlas Logistics", "Meridian Healthcare Group", "Crescent Tech Solutions" };
        var ids = new List<Guid>();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            ids.Add((await world.Owner.CreateCompanyAsync(new
            {
                name,
                domain = name.Split(' ')[0].ToLowerInvariant() + ".ae",
                phone = $"+971 4 33{i} 000{i}",
                ownerId = i % 2 == 0 ? (Guid?)null : agentId,
                tags = i < 2 ? new[] { "partner" } : Array.Empty<string>(),
            })).Id());
        }

        var pages = await world.Owner.GetAllPagesAsync("/api/v1/companies?sort=name", limit: 2);
        Assert.Equal(names.Order(StringComparer.Ordinal).ToList(), pages.Select(p => p.Str("name")!).ToList());
        Assert.Equal(ids.AsEnumerable().Reverse().ToList(), (await world.Owner.GetAllPagesAsync("/api/v1/companies", limit: 2)).Ids());
        Assert.Equal([ids[1], ids[3]], (await world.Owner.GetJsonAsync($"/api/v1/companies?ownerId={agentId}&sort=createdAt")).ItemIds());
        Assert.Equal([ids[0], ids[1]], (await world.Owner.GetJsonAsync("/api/v1/companies?tags=partner&sort=createdAt")).ItemIds());
        Assert.Equal([ids[1]], (await world.Owner.GetJsonAsync("/api/v1/companies?q=LAGOON")).ItemIds());
        Assert.Equal([ids[2]], (await world.Owner.GetJsonAsync("/api/v1/companies?q=atlas.ae")).ItemIds());
        Assert.Equal([ids[3]], (await world.Owner.GetJsonAsync("/api/v1/companies?q=04%20333%200003")).ItemIds());
        Assert.Equal(5, (await world.Owner.GetJsonAsync("/api/v1/companies?limit=1&includeTotal=true")).GetProperty("total").GetInt64());
        using var bad = await world.Owner.GetAsync(new Uri("/api/v1/companies?sort=domain", UriKind.Relative));
        await ExpectProblemAsync(bad, HttpStatusCode.BadRequest, "paging.invalid_sort");
    }

    [Fact]
    public async Task A_company_lists_its_live_contacts_paged()
    {
        using var world = await fixture.NewTenantAsync();
        var company = await world.Owner.CreateCompanyAsync(new { name = "Pearl Family Office" });
        var other = await world.Owner.CreateCompanyAsync(new { name = "Lotus Retail Group" });
        var members = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            members.Add((await world.Owner.CreateSimpleContactAsync($"Member{i}", extra: new { companyId = company.Id() })).Id());
        }

        await world.Owner.CreateSimpleContactAsync("Outsider", extra: new { companyId = other.Id() });
        await world.Owner.CreateSimpleContactAsync("Loner");
        using (var delete = await world.Owner.DeleteAsync($"/api/v1/contacts/{members[0]}", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var listed = await world.Owner.GetAllPagesAsync($"/api/v1/companies/{company.Id()}/contacts?sort=createdAt", limit: 3);
        Assert.Equal(members.Skip(1).ToList(), listed.Ids());
        var total = await world.Owner.GetJsonAsync($"/api/v1/companies/{company.Id()}/contacts?includeTotal=true");
        Assert.Equal(6, total.GetProperty("total").GetInt64());

        // A deleted company is gone, its list too; its contacts keep their link.
        using (var delete = await world.Owner.DeleteAsync($"/api/v1/companies/{company.Id()}", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        await world.Owner.GetJsonAsync($"/api/v1/companies/{company.Id()}/contacts", HttpStatusCode.NotFound);
        Assert.Equal(company.Id(), (await world.Owner.GetJsonAsync($"/api/v1/contacts/{members[1]}")).GetProperty("companyId").GetGuid());
    }

    [Fact]
    public async Task A_contact_cannot_point_to_an_unknown_or_deleted_company()
    {
        using var world = await fixture.NewTenantAsync();
        var company = await world.Owner.CreateCompanyAsync(new { name = "Zenith Aviation Services" });
        using (var delete = await world.Owner.DeleteAsync($"/api/v1/companies/{company.Id()}", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        foreach (var companyId in new[] { company.Id(), Guid.CreateVersion7() })
        {
            using var response = await world.Owner.PostAsJsonAsync("/api/v1/contacts", new { firstName = "Linked", companyId });
            var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation.failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("companyId", out _));
        }

        Assert.Empty((await world.Owner.GetJsonAsync("/api/v1/contacts")).ItemIds());
    }

    [Fact]
    public async Task Company_batch_reports_per_item()
    {
        using var world = await fixture.NewTenantAsync();
        var existing = await world.Owner.CreateCompanyAsync(new { name = "Orion Consulting" });

        using var response = await world.Owner.PostAsJsonAsync("/api/v1/companies/batch", new
        {
            items = new object[]
            {
                new { data = new { name = "Tamr Trading Company", domain = "tamrtrading.ae" } },
                new { id = existing.Id(), data = new { industry = "Consulting" } },
                new { data = new { name = "Bad Domain", domain = "https://bad.example/path" } },
                new { data = new { name = "" } },
                new { id = Guid.CreateVersion7(), data = new { industry = "x" } },
            },
        });
        var result = await ExpectAsync(response, HttpStatusCode.OK);

        Assert.Equal([201, 200, 400, 400, 404], result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetInt32()));
        Assert.Equal("Consulting", (await world.Owner.GetJsonAsync($"/api/v1/companies/{existing.Id()}")).Str("industry"));
        Assert.Equal(2, (await world.Owner.GetJsonAsync("/api/v1/companies?includeTotal=true")).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{"name": "X", "domain": "not a domain"}""", "domain")]
    [InlineData("""{"name": "X", "phone": "12345"}""", "phone")]
    [InlineData("""{"name": "X", "address": {"country": "ZZ"}}""", "address.country")]
    [InlineData("""{"name": "X", "tags": ["a,b"]}""", "tags[0]")]
    public async Task Invalid_companies_are_400_with_the_field_named(string body, string field)
    {
        using var world = await fixture.NewTenantAsync();

        using var response = await world.Owner.PostJsonAsync("/api/v1/companies", body);

        var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Empty((await world.Owner.GetJsonAsync("/api/v1/companies")).ItemIds());
    }

    [Fact]
    public async Task Company_name_of_10000_characters_is_400()
    {
        using var world = await fixture.NewTenantAsync();

        using var response = await world.Owner.PostAsJsonAsync("/api/v1/companies", new { name = new string('n', 10_000) });

        await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation.failed");
        Assert.Equal(JsonValueKind.Array, (await world.Owner.GetJsonAsync("/api/v1/companies")).GetProperty("items").ValueKind);
    }
}
