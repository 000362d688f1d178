using System.Net;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Authorization;

/// <summary>
/// Records outside the caller's scope stay invisible in every answer: an own-scoped key sees no unassigned record, a
/// duplicate names only a record the caller may read, a reference to a record the caller may not read answers like
/// a missing one, a conversion needs the create permission of what it creates, and owners are active users.
/// </summary>
[Collection("api")]
public sealed class ScopeLeakTests(ApiFixture fixture)
{
    [Fact]
    public async Task An_own_scoped_api_key_neither_sees_nor_changes_unassigned_records()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        var lead = (await owner.PostJsonAsync("/api/v1/leads", new { firstName = "Nobody's", email = Unique("unassigned") })).Expect(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, lead.Json.GetProperty("ownerId").ValueKind);
        var contact = (await owner.PostJsonAsync("/api/v1/contacts", new { firstName = "Orphan", emails = new[] { new { address = Unique("orphan") } } }))
            .Expect(HttpStatusCode.Created);
        var unassigned = (await owner.PatchJsonAsync($"/api/v1/contacts/{contact.Id}", new { ownerId = (Guid?)null }, contact.ETag)).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, unassigned.Json.GetProperty("ownerId").ValueKind);

        var (_, secret) = await owner.CreateApiKeyAsync(team.RoleIds["Agent"]);
        using var key = fixture.CreateApiKeyClient(secret);

        Assert.Empty((await key.GetJsonAsync("/api/v1/leads")).Expect(HttpStatusCode.OK).Json.GetProperty("items").EnumerateArray());
        Assert.Empty((await key.GetJsonAsync("/api/v1/contacts")).Expect(HttpStatusCode.OK).Json.GetProperty("items").EnumerateArray());
        (await key.GetJsonAsync($"/api/v1/leads/{lead.Id}")).ExpectProblem(HttpStatusCode.NotFound, "lead.not_found");
        (await key.GetJsonAsync($"/api/v1/contacts/{contact.Id}")).ExpectProblem(HttpStatusCode.NotFound, "contact.not_found");
        (await key.PatchJsonAsync($"/api/v1/leads/{lead.Id}", new { firstName = "Taken over" })).ExpectProblem(HttpStatusCode.NotFound, "lead.not_found");
        (await key.PatchJsonAsync($"/api/v1/contacts/{contact.Id}", new { firstName = "Taken over" })).ExpectProblem(HttpStatusCode.NotFound, "contact.not_found");

        Assert.Equal("Nobody's", (await owner.GetJsonAsync($"/api/v1/leads/{lead.Id}")).Expect(HttpStatusCode.OK).Json.GetProperty("firstName").GetString());
        Assert.Equal("Orphan", (await owner.GetJsonAsync($"/api/v1/contacts/{contact.Id}")).Expect(HttpStatusCode.OK).Json.GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task Converting_a_lead_needs_the_create_permission_of_each_record_it_creates_and_writes_nothing_without()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        var converterRole = (await owner.PostJsonAsync("/api/v1/roles", new
        {
            name = "Converters",
            grants = new[] { Grant("leads.read"), Grant("leads.create"), Grant("leads.convert"), Grant("contacts.read"), Grant("companies.read"), Grant("deals.read") },
        })).Expect(HttpStatusCode.Created);
        var email = $"converter@{team.Tenant.Slug}.test";
        await owner.CreateUserAsync(email, TestTeam.Password, converterRole.Id);
        using var converter = fixture.CreateClient((await fixture.LoginAsync(team.Tenant.Slug, email, TestTeam.Password)).AccessToken);
        var lead = (await converter.PostJsonAsync("/api/v1/leads", new { firstName = "Converted", email = Unique("convert") })).Expect(HttpStatusCode.Created);
        var before = await CountsAsync(team.Tenant.Id);

        Assert.Contains("contacts.create", (await converter.PostJsonAsync($"/api/v1/leads/{lead.Id}/convert", new { }))
            .ExpectProblem(HttpStatusCode.Forbidden, "auth.permission_denied").Body, StringComparison.Ordinal);

        await GrantAsync(owner, converterRole.Id, "leads.read", "leads.create", "leads.convert", "contacts.read", "companies.read", "deals.read", "contacts.create");
        Assert.Contains("companies.create", (await converter.PostJsonAsync($"/api/v1/leads/{lead.Id}/convert", new { company = new { name = "Unpermitted Co" } }))
            .ExpectProblem(HttpStatusCode.Forbidden, "auth.permission_denied").Body, StringComparison.Ordinal);
        Assert.Contains("deals.create", (await converter.PostJsonAsync($"/api/v1/leads/{lead.Id}/convert", new { deal = new { title = "Unpermitted deal" } }))
            .ExpectProblem(HttpStatusCode.Forbidden, "auth.permission_denied").Body, StringComparison.Ordinal);

        Assert.Equal(before, await CountsAsync(team.Tenant.Id));
        Assert.Equal("new", (await converter.GetJsonAsync($"/api/v1/leads/{lead.Id}")).Json.GetProperty("status").GetString());

        // With the permission of what it creates, the same conversion goes through.
        (await converter.PostJsonAsync($"/api/v1/leads/{lead.Id}/convert", new { })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_duplicate_names_the_existing_record_only_to_a_caller_who_may_read_it()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        using var agent = fixture.ClientOf(team.Members["Agent"]);
        var email = Unique("twin");
        var lead = (await owner.PostJsonAsync("/api/v1/leads", new { firstName = "Owner's", email, ownerId = team.Owner.Id })).Expect(HttpStatusCode.Created);
        var contact = (await owner.PostJsonAsync("/api/v1/contacts", new { firstName = "Owner's", emails = new[] { new { address = email } } })).Expect(HttpStatusCode.Created);

        var hiddenLead = (await agent.PostJsonAsync("/api/v1/leads", new { firstName = "Twin", email })).ExpectProblem(HttpStatusCode.Conflict, "lead.duplicate");
        Assert.False(hiddenLead.Json.TryGetProperty("existingId", out _), hiddenLead.Body);
        Assert.DoesNotContain(lead.Id.ToString(), hiddenLead.Body, StringComparison.OrdinalIgnoreCase);
        var hiddenContact = (await agent.PostJsonAsync("/api/v1/contacts", new { firstName = "Twin", emails = new[] { new { address = email } } }))
            .ExpectProblem(HttpStatusCode.Conflict, "contact.duplicate");
        Assert.False(hiddenContact.Json.TryGetProperty("existingId", out _), hiddenContact.Body);
        Assert.DoesNotContain(contact.Id.ToString(), hiddenContact.Body, StringComparison.OrdinalIgnoreCase);

        using var csv = new StringContent($"firstName,email\nTwin,{email}\n", System.Text.Encoding.UTF8, "text/csv");
        using var imported = await agent.PostAsync("/api/v1/leads/import", csv);
        var report = await imported.Content.ReadAsStringAsync();
        Assert.True(imported.IsSuccessStatusCode, report);
        Assert.Contains("duplicates", report, StringComparison.Ordinal);
        Assert.DoesNotContain(lead.Id.ToString(), report, StringComparison.OrdinalIgnoreCase);

        // Whoever may read the existing record is told which one it is.
        Assert.Equal(lead.Id, (await owner.PostJsonAsync("/api/v1/leads", new { firstName = "Twin", email })).ExpectProblem(HttpStatusCode.Conflict, "lead.duplicate")
            .Json.GetProperty("existingId").GetGuid());
        Assert.Equal(contact.Id, (await owner.PostJsonAsync("/api/v1/contacts", new { firstName = "Twin", emails = new[] { new { address = email } } }))
            .ExpectProblem(HttpStatusCode.Conflict, "contact.duplicate").Json.GetProperty("existingId").GetGuid());
    }

    [Fact]
    public async Task A_reference_to_a_record_outside_the_callers_scope_answers_exactly_like_a_missing_one()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        using var agent = fixture.ClientOf(team.Members["Agent"]);
        var company = (await owner.PostJsonAsync("/api/v1/companies", new { name = "Owner's Company" })).Expect(HttpStatusCode.Created).Id;
        var contact = (await owner.PostJsonAsync("/api/v1/contacts", new { firstName = "Owner's", emails = new[] { new { address = Unique("ref") } } }))
            .Expect(HttpStatusCode.Created).Id;
        var lead = (await owner.PostJsonAsync("/api/v1/leads", new { firstName = "Owner's", email = Unique("ref"), ownerId = team.Owner.Id })).Expect(HttpStatusCode.Created).Id;
        var agentsLead = (await agent.PostJsonAsync("/api/v1/leads", new { firstName = "Agent's", email = Unique("mine") })).Expect(HttpStatusCode.Created).Id;

        await SameAnswerAsync(agent, company, Guid.NewGuid(), id => ("/api/v1/contacts", new { firstName = "Linked", companyId = id }));
        await SameAnswerAsync(agent, lead, Guid.NewGuid(), id => ("/api/v1/contacts", new { firstName = "Sourced", sourceLeadId = id }));
        foreach (var (type, id) in new[] { ("lead", lead), ("contact", contact), ("company", company) })
        {
            await SameAnswerAsync(agent, id, Guid.NewGuid(), target => ("/api/v1/activities",
                new { type = "note", occurredAt = DateTimeOffset.UtcNow, targets = new[] { new { type, id = target } } }));
            await SameAnswerAsync(agent, id, Guid.NewGuid(), target => ("/api/v1/tasks",
                new { title = "Follow up", dueAt = DateTimeOffset.UtcNow.AddDays(1), targets = new[] { new { type, id = target } } }));
            await SameAnswerAsync(agent, id, Guid.NewGuid(), target => ($"/api/v1/timeline/{type}/{target}", null), get: true);
        }

        await SameAnswerAsync(agent, contact, Guid.NewGuid(), id => ($"/api/v1/leads/{agentsLead}/convert", new { contact = new { existingContactId = id } }));
        await SameAnswerAsync(agent, company, Guid.NewGuid(), id => ($"/api/v1/leads/{agentsLead}/convert", new { company = new { existingCompanyId = id } }));
        Assert.Equal("new", (await agent.GetJsonAsync($"/api/v1/leads/{agentsLead}")).Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Contact_and_company_owners_must_be_active_users_of_the_tenant()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        var stranger = Guid.NewGuid();
        var disabled = team.Members["Viewer"].Id;
        (await owner.PostJsonAsync($"/api/v1/users/{disabled}/disable")).Expect(HttpStatusCode.OK);
        var before = await CountsAsync(team.Tenant.Id);

        foreach (var ownerId in new[] { stranger, disabled })
        {
            AssertOwnerRefused((await owner.PostJsonAsync("/api/v1/contacts", new { firstName = "Owned", ownerId })));
            AssertOwnerRefused((await owner.PostJsonAsync("/api/v1/companies", new { name = "Owned Co", ownerId })));
        }

        var contact = (await owner.PostJsonAsync("/api/v1/contacts", new { firstName = "Mine" })).Expect(HttpStatusCode.Created);
        var company = (await owner.PostJsonAsync("/api/v1/companies", new { name = "Mine Co" })).Expect(HttpStatusCode.Created);
        AssertOwnerRefused(await owner.PatchJsonAsync($"/api/v1/contacts/{contact.Id}", new { ownerId = stranger }, contact.ETag));
        AssertOwnerRefused(await owner.PatchJsonAsync($"/api/v1/companies/{company.Id}", new { ownerId = disabled }, company.ETag));
        Assert.Equal(team.Owner.Id, (await owner.GetJsonAsync($"/api/v1/contacts/{contact.Id}")).Json.GetProperty("ownerId").GetGuid());
        Assert.Equal(team.Owner.Id, (await owner.GetJsonAsync($"/api/v1/companies/{company.Id}")).Json.GetProperty("ownerId").GetGuid());

        // An active user is fine.
        (await owner.PatchJsonAsync($"/api/v1/contacts/{contact.Id}", new { ownerId = team.Members["Agent"].Id }, contact.ETag)).Expect(HttpStatusCode.OK);
        Assert.Equal(before.Contacts + 1, (await CountsAsync(team.Tenant.Id)).Contacts);
    }

    private static void AssertOwnerRefused(ApiAnswer answer)
    {
        answer.ExpectProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(answer.Json.GetProperty("errors").TryGetProperty("ownerId", out _), answer.Body);
    }

    /// <summary>
    /// Sends the request once with a record the caller may not read and once with an id that exists nowhere: the two
    /// answers are the same but for the id, and neither wrote anything.
    /// </summary>
    private static async Task SameAnswerAsync(HttpClient client, Guid hidden, Guid missing, Func<Guid, (string Path, object? Body)> request, bool get = false)
    {
        async Task<ApiAnswer> SendAsync(Guid id)
        {
            var (path, body) = request(id);
            return get ? await client.GetJsonAsync(path) : await client.PostJsonAsync(path, body);
        }

        var forHidden = await SendAsync(hidden);
        var forMissing = await SendAsync(missing);
        Assert.True(forHidden.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity,
            $"{request(hidden).Path}: {(int)forHidden.Status} {forHidden.Body}");
        Assert.Equal(forMissing.Status, forHidden.Status);
        Assert.Equal(
            Normalized(forMissing.Body, missing),
            Normalized(forHidden.Body, hidden));
    }

    /// <summary>The body without the id it names and without the per-request fields (trace id, instance).</summary>
    private static string Normalized(string body, Guid id)
    {
        using var document = JsonDocument.Parse(body.Replace(id.ToString(), "{id}", StringComparison.OrdinalIgnoreCase));
        var fields = document.RootElement.EnumerateObject()
            .Where(p => p.Name is not ("traceId" or "instance" or "correlationId"))
            .Select(p => $"{p.Name}={p.Value.GetRawText()}");
        return string.Join("\n", fields);
    }

    private async Task<(long Contacts, long Companies, long Deals)> CountsAsync(Guid tenantId)
    {
        await using var connection = await fixture.OpenSuperuserAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM contacts.contacts WHERE tenant_id = $1), (SELECT count(*) FROM contacts.companies WHERE tenant_id = $1), " +
            "(SELECT count(*) FROM deals.deals WHERE tenant_id = $1)", connection)
        {
            Parameters = { new NpgsqlParameter { Value = tenantId } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task GrantAsync(HttpClient owner, Guid roleId, params string[] permissions)
    {
        var role = (await owner.GetJsonAsync($"/api/v1/roles/{roleId}")).Expect(HttpStatusCode.OK);
        (await owner.PutJsonAsync($"/api/v1/roles/{roleId}/grants", new { grants = permissions.Select(Grant).ToArray() }, role.ETag)).Expect(HttpStatusCode.OK);
    }

    private static object Grant(string permission) => new { permission, scope = "all" };

    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}@example.com";
}
