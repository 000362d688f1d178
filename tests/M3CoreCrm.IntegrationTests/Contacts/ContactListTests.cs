using System.Net;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Contacts.ContactsKit;

namespace M3CoreCrm.IntegrationTests.Contacts;

[Collection("api")]
public sealed class ContactListTests(ApiFixture fixture)
{
    [Fact]
    public async Task Walking_every_page_returns_each_contact_once_in_order_with_a_total()
    {
        using var world = await fixture.NewTenantAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            created.Add((await world.Owner.CreateSimpleContactAsync($"Person{i:00}")).Id());
        }

        var all = await world.Owner.GetAllPagesAsync("/api/v1/contacts", limit: 5);
        Assert.Equal(created.Count, all.Count);
        Assert.Equal(all.Count, all.Ids().Distinct().Count());
        var expected = created.AsEnumerable().Reverse().ToList(); // default sort -createdAt: newest first
        Assert.Equal(expected, all.Ids());

        var first = await world.Owner.GetJsonAsync("/api/v1/contacts?limit=5&includeTotal=true");
        Assert.Equal(23, first.GetProperty("total").GetInt64());
        var noTotal = await world.Owner.GetJsonAsync("/api/v1/contacts?limit=5");
        Assert.Equal(JsonValueKind.Null, noTotal.GetProperty("total").ValueKind);
        var everything = await world.Owner.GetJsonAsync("/api/v1/contacts?limit=200");
        Assert.Equal(JsonValueKind.Null, everything.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("createdAt")]
    [InlineData("-updatedAt")]
    [InlineData("updatedAt,name")]
    public async Task Every_sort_pages_in_its_order_with_the_id_as_tie_breaker(string sort)
    {
        using var world = await fixture.NewTenantAsync();
        string[] names = ["Zainab", "adam", "Mei", "Olga", "Adam", "Bilal", "zara", "Mei"];
        foreach (var name in names)
        {
            await world.Owner.CreateSimpleContactAsync(name, "Khan");
        }

        var pages = await world.Owner.GetAllPagesAsync($"/api/v1/contacts?sort={Uri.EscapeDataString(sort)}", limit: 3);
        var single = (await world.Owner.GetJsonAsync($"/api/v1/contacts?limit=200&sort={Uri.EscapeDataString(sort)}")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(names.Length, pages.Count);
        Assert.Equal(single.Ids(), pages.Ids());
        var keys = pages.Select(c => (Name: $"{c.Str("firstName")} {c.Str("lastName")}".ToLowerInvariant(), Created: c.GetProperty("createdAt").GetDateTimeOffset(), Updated: c.GetProperty("updatedAt").GetDateTimeOffset(), Id: c.Id())).ToList();
        var ordered = sort switch
        {
            "name" => keys.OrderBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.Id),
            "-name" => keys.OrderByDescending(k => k.Name, StringComparer.Ordinal).ThenByDescending(k => k.Id),
            "createdAt" => keys.OrderBy(k => k.Created).ThenBy(k => k.Id),
            "-updatedAt" => keys.OrderByDescending(k => k.Updated).ThenByDescending(k => k.Id),
            _ => keys.OrderBy(k => k.Updated).ThenBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.Id),
        };
        Assert.Equal(ordered.Select(k => k.Id).ToList(), pages.Ids());
    }

    [Fact]
    public async Task Filters_by_owner_company_tags_and_created_range_combine()
    {
        using var world = await fixture.NewTenantAsync();
        var (agentId, agent) = await fixture.AddUserAsync(world.Tenant, "Agent");
        using var _ = agent;
        var developer = await world.Owner.CreateCompanyAsync(new { name = "Azure Bay Properties" });
        var brokerage = await world.Owner.CreateCompanyAsync(new { name = "Key Harbour Brokers" });

        var a = await world.Owner.CreateSimpleContactAsync("Ahmed", extra: new { companyId = developer.Id(), tags = new[] { "vip", "investor" } });
        var b = await world.Owner.CreateSimpleContactAsync("Priya", extra: new { companyId = developer.Id(), tags = new[] { "investor" } });
        var c = await world.Owner.CreateSimpleContactAsync("James", extra: new { companyId = brokerage.Id(), ownerId = agentId, tags = new[] { "vip" } });
        await Task.Delay(20);
        var middle = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var d = await world.Owner.CreateSimpleContactAsync("Olga", extra: new { ownerId = agentId, tags = new[] { "vip", "investor", "cash-buyer" } });

        async Task<List<Guid>> List(string query) => (await world.Owner.GetJsonAsync("/api/v1/contacts?limit=200&" + query)).ItemIds();

        Assert.Equal([c.Id(), d.Id()], (await List($"ownerId={agentId}&sort=createdAt")));
        Assert.Equal([a.Id(), b.Id()], (await List($"companyId={developer.Id()}&sort=createdAt")));
        Assert.Equal([a.Id(), c.Id(), d.Id()], (await List("tags=vip&sort=createdAt")));
        Assert.Equal([a.Id(), d.Id()], (await List("tags=vip&tags=investor&sort=createdAt")));
        Assert.Equal([a.Id(), d.Id()], (await List("tags=VIP,investor&sort=createdAt")));
        Assert.Equal([d.Id()], (await List($"tags=vip&ownerId={agentId}&createdFrom={Uri.EscapeDataString(middle.ToString("O"))}")));
        Assert.Equal([a.Id(), b.Id(), c.Id()], (await List($"createdTo={Uri.EscapeDataString(middle.ToString("O"))}&sort=createdAt")));
        Assert.Empty(await List($"companyId={Guid.CreateVersion7()}"));
        Assert.Empty(await List("tags=nobody"));
    }

    [Fact]
    public async Task Q_searches_names_emails_and_phones_case_insensitively()
    {
        using var world = await fixture.NewTenantAsync();
        var fatima = await world.Owner.CreateContactAsync(new
        {
            firstName = "Fatima",
            lastName = "Al Zaabi",
            emails = new[] { new { address = "F.AlZaabi@Desert-Rose.ae" } },
            phones = new[] { new { number = "+971 55 987 6543" } },
        });
        var daniel = await world.Owner.CreateContactAsync(new
        {
            firstName = "Daniel",
            lastName = "O'Brien",
            emails = new[] { new { address = "dan_obrien@example.com" } },
            phones = new[] { new { number = "+44 20 7946 0958" } },
        });

        async Task<List<Guid>> Search(string q) => (await world.Owner.GetJsonAsync("/api/v1/contacts?q=" + Uri.EscapeDataString(q))).ItemIds();

        Assert.Equal([fatima.Id()], await Search("fatima"));
        Assert.Equal([fatima.Id()], await Search("AL ZAAB"));
        Assert.Equal([fatima.Id()], await Search("fatima al zaabi"));
        Assert.Equal([fatima.Id()], await Search("desert-rose"));
        Assert.Equal([fatima.Id()], await Search("+971559876543"));
        Assert.Equal([fatima.Id()], await Search("055 987 6543"));
        Assert.Equal([fatima.Id()], await Search("987-6543"));
        Assert.Equal([daniel.Id()], await Search("o'brien"));
        Assert.Equal([daniel.Id()], await Search("dan_obrien"));
        Assert.Equal([daniel.Id()], await Search("020 7946 0958"));
        Assert.Empty(await Search("dan%obrien"));
        Assert.Empty(await Search("nobody-here"));
        Assert.Equal(2, (await Search("a")).Count);

        using (var patch = await world.Owner.PatchJsonAsync($"/api/v1/contacts/{fatima.Id()}", """{"lastName": "Haddad"}"""))
        {
            await ExpectAsync(patch, HttpStatusCode.OK);
        }

        Assert.Empty(await Search("al zaabi"));
        Assert.Equal([fatima.Id()], await Search("haddad"));
    }

    [Theory]
    [InlineData("limit=0", "paging.invalid_limit")]
    [InlineData("limit=201", "paging.invalid_limit")]
    [InlineData("limit=abc", null)]
    [InlineData("sort=email", "paging.invalid_sort")]
    [InlineData("sort=name,name", "paging.invalid_sort")]
    [InlineData("cursor=garbage", "paging.invalid_cursor")]
    [InlineData("cursor=eyJTb3J0IjoiLWNyZWF0ZWRBdCJ9.AAAAAAAAAAAAAAAAAAAAAA", "paging.invalid_cursor")]
    [InlineData("ownerId=not-a-guid", null)]
    [InlineData("companyId=42", null)]
    [InlineData("createdFrom=yesterday", null)]
    [InlineData("createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z", "validation.failed")]
    [InlineData("includeTotal=maybe", null)]
    [InlineData("tags=a%2C%2C%01", "validation.failed")]
    public async Task Bad_list_parameters_are_400_problems(string query, string? code)
    {
        using var world = await fixture.NewTenantAsync();

        using var response = await world.Owner.GetAsync(new Uri("/api/v1/contacts?" + query, UriKind.Relative));

        await ExpectProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Overlong_q_and_tampered_or_foreign_cursors_are_refused()
    {
        using var world = await fixture.NewTenantAsync();
        for (var i = 0; i < 3; i++)
        {
            await world.Owner.CreateSimpleContactAsync($"Cursor{i}");
        }

        using (var longQ = await world.Owner.GetAsync(new Uri("/api/v1/contacts?q=" + new string('x', 201), UriKind.Relative)))
        {
            await ExpectProblemAsync(longQ, HttpStatusCode.BadRequest, "validation.failed");
        }

        var page = await world.Owner.GetJsonAsync("/api/v1/contacts?limit=1");
        var cursor = page.GetProperty("nextCursor").GetString()!;
        var tampered = (cursor[0] == 'A' ? 'B' : 'A') + cursor[1..];
        using (var edited = await world.Owner.GetAsync(new Uri("/api/v1/contacts?limit=1&cursor=" + Uri.EscapeDataString(tampered), UriKind.Relative)))
        {
            await ExpectProblemAsync(edited, HttpStatusCode.BadRequest, "paging.invalid_cursor");
        }

        using (var otherSort = await world.Owner.GetAsync(new Uri("/api/v1/contacts?limit=1&sort=name&cursor=" + Uri.EscapeDataString(cursor), UriKind.Relative)))
        {
            await ExpectProblemAsync(otherSort, HttpStatusCode.BadRequest, "paging.cursor_sort_mismatch");
        }

        var next = await world.Owner.GetJsonAsync("/api/v1/contacts?limit=1&cursor=" + Uri.EscapeDataString(cursor));
        Assert.Single(next.GetProperty("items").EnumerateArray());
    }
}
