using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Contacts.Contracts;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static M3CoreCrm.IntegrationTests.Leads.LeadsHttp;

namespace M3CoreCrm.IntegrationTests.Leads;

/// <summary>Conversion into contacts and companies through the Contacts module: links, all-or-nothing, once only.</summary>
[Collection("api")]
public sealed class LeadConversionTests(ApiFixture fixture) : IAsyncLifetime
{
    private LeadsTestTenant _tenant = null!;

    public async Task InitializeAsync() => _tenant = await LeadsTestTenant.CreateAsync(fixture);

    public Task DisposeAsync()
    {
        _tenant.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Converting_creates_the_contact_and_company_and_links_them_to_the_lead()
    {
        var lead = await CreateAsync(_tenant.Owner, NewLead("Yusuf", "Rahman", extra: new { ownerId = _tenant.OwnerId, tags = new[] { "vip" } }));
        using (await StatusAsync(_tenant.Owner, lead.Id(), "qualified"))
        {
        }

        using var response = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert", new { company = new { name = "Rahman Holdings", domain = "rahman.example.com" } });
        var result = await ReadAsync(response, HttpStatusCode.OK);

        Assert.True(result.GetProperty("contactCreated").GetBoolean());
        Assert.True(result.GetProperty("companyCreated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("dealId").ValueKind);
        Assert.NotNull(response.Headers.ETag);
        var contactId = result.GetProperty("contactId").GetGuid();
        var companyId = result.GetProperty("companyId").GetGuid();
        var converted = result.GetProperty("lead");
        Assert.Equal("converted", converted.GetProperty("status").GetString());
        Assert.Equal(contactId, converted.GetProperty("conversion").GetProperty("contactId").GetGuid());
        Assert.Equal(companyId, converted.GetProperty("conversion").GetProperty("companyId").GetGuid());

        using var contactResponse = await _tenant.Owner.GetAsync($"/api/v1/contacts/{contactId}");
        var contact = await ReadAsync(contactResponse, HttpStatusCode.OK);
        Assert.Equal("Yusuf", contact.GetProperty("firstName").GetString());
        Assert.Equal("Rahman", contact.GetProperty("lastName").GetString());
        Assert.Equal(lead.GetProperty("email").GetString(), contact.GetProperty("emails")[0].GetProperty("address").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(lead.GetProperty("phone").GetString(), contact.GetProperty("phones")[0].GetProperty("number").GetString());
        Assert.Equal(companyId, contact.GetProperty("companyId").GetGuid());
        Assert.Equal(lead.Id(), contact.GetProperty("sourceLeadId").GetGuid());
        Assert.Equal(_tenant.OwnerId, contact.GetProperty("ownerId").GetGuid());
        using var company = await _tenant.Owner.GetAsync($"/api/v1/companies/{companyId}");
        Assert.Equal("Rahman Holdings", (await ReadAsync(company, HttpStatusCode.OK)).GetProperty("name").GetString());

        // Once only; and a converted lead takes no other status.
        using var again = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert", new { });
        var problem = await ProblemAsync(again, HttpStatusCode.Conflict, "lead.already_converted");
        Assert.Equal(contactId, problem.GetProperty("contactId").GetGuid());
        using var status = await StatusAsync(_tenant.Owner, lead.Id(), "qualified");
        await ProblemAsync(status, HttpStatusCode.Conflict, "lead.invalid_transition");
        Assert.Equal(1, await CountAsync("contacts.contacts", $"source_lead_id = '{lead.Id()}'"));
    }

    [Fact]
    public async Task Converting_can_link_an_existing_contact_and_company()
    {
        var contactId = (await CreateContactAsync("Existing", NewEmail("existing"))).Id();
        using var companyResponse = await _tenant.Owner.PostAsJsonAsync("/api/v1/companies", new { name = "Existing Co" });
        var companyId = (await ReadAsync(companyResponse, HttpStatusCode.Created)).Id();
        var lead = await CreateAsync(_tenant.Owner, NewLead("Linked"));

        using var response = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert",
            new { contact = new { existingContactId = contactId }, company = new { existingCompanyId = companyId } });

        var result = await ReadAsync(response, HttpStatusCode.OK);
        Assert.False(result.GetProperty("contactCreated").GetBoolean());
        Assert.False(result.GetProperty("companyCreated").GetBoolean());
        Assert.Equal(contactId, result.GetProperty("contactId").GetGuid());
        Assert.Equal(companyId, result.GetProperty("companyId").GetGuid());
    }

    [Fact]
    public async Task Conversion_can_open_a_deal_linked_to_the_contact_company_and_lead()
    {
        var lead = await CreateAsync(_tenant.Owner, NewLead("Dealer", email: NewEmail("dealer")));

        using var response = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert",
            new { company = new { name = "Dealer Holdings" }, deal = new { title = "Marina 2BR", amount = 1_850_000m, currency = "AED" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var dealId = result.RootElement.GetProperty("dealId").GetGuid();
        using var deal = JsonDocument.Parse(await _tenant.Owner.GetStringAsync($"/api/v1/deals/{dealId}"));
        Assert.Equal(lead.Id(), deal.RootElement.GetProperty("sourceLeadId").GetGuid());
        Assert.Equal(result.RootElement.GetProperty("contactId").GetGuid(), deal.RootElement.GetProperty("contactId").GetGuid());
        Assert.Equal(result.RootElement.GetProperty("companyId").GetGuid(), deal.RootElement.GetProperty("companyId").GetGuid());
        Assert.Equal(1_850_000m, deal.RootElement.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Unknown_links_a_deal_part_or_an_existing_email_are_refused_before_anything_is_written()
    {
        var email = NewEmail("taken");
        var existing = (await CreateContactAsync("Taken", email)).Id();
        var lead = await CreateAsync(_tenant.Owner, NewLead("Careful", email: email));
        var contactsBefore = await CountAsync("contacts.contacts");
        var companiesBefore = await CountAsync("contacts.companies");

        using var deal = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert",
            new { contact = new { existingContactId = existing }, company = new { name = "Deal Co" }, deal = new { pipelineId = Guid.NewGuid(), title = "Villa" } });
        Assert.InRange((int)deal.StatusCode, 400, 499); // another pipeline than the tenant's: refused by Deals, all rolled back
        using var noContact = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert",
            new { contact = new { existingContactId = Guid.NewGuid() }, company = new { name = "Ghost Co" } });
        var problem = await ProblemAsync(noContact, HttpStatusCode.UnprocessableEntity, "lead.contact_not_found");
        Assert.True(problem.GetProperty("errors").TryGetProperty("contact.existingContactId", out _));
        using var noCompany = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert", new { company = new { existingCompanyId = Guid.NewGuid() } });
        await ProblemAsync(noCompany, HttpStatusCode.UnprocessableEntity, "lead.company_not_found");
        using var sameEmail = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert", new { company = new { name = "Email Co" } });
        problem = await ProblemAsync(sameEmail, HttpStatusCode.Conflict, "lead.contact_exists");
        Assert.Equal(existing, problem.GetProperty("existingId").GetGuid());
        using var badDomain = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert", new { company = new { name = "X", domain = "not a domain" } });
        await ProblemAsync(badDomain, HttpStatusCode.BadRequest, "validation.failed");

        Assert.Equal(contactsBefore, await CountAsync("contacts.contacts"));
        Assert.Equal(companiesBefore, await CountAsync("contacts.companies"));
        using var get = await _tenant.Owner.GetAsync($"/api/v1/leads/{lead.Id()}");
        Assert.Equal("new", (await ReadAsync(get, HttpStatusCode.OK)).GetProperty("status").GetString());

        // Linking the existing contact is the way through.
        using var linked = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert", new { contact = new { existingContactId = existing } });
        Assert.Equal(existing, (await ReadAsync(linked, HttpStatusCode.OK)).GetProperty("contactId").GetGuid());
    }

    [Fact]
    public async Task Unqualified_leads_and_stale_etags_are_not_converted()
    {
        var lead = await CreateAsync(_tenant.Owner, NewLead("Closed"));
        using (await StatusAsync(_tenant.Owner, lead.Id(), "unqualified", "Gone quiet"))
        {
        }

        using var unqualified = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert", new { });
        await ProblemAsync(unqualified, HttpStatusCode.Conflict, "lead.invalid_transition");

        var open = await CreateAsync(_tenant.Owner, NewLead("Stale"));
        using var stale = await SendAsync(_tenant.Owner, Json(HttpMethod.Post, $"/api/v1/leads/{open.Id()}/convert", new { }, "\"3\""));
        await ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(0, await CountAsync("contacts.contacts", $"source_lead_id IN ('{lead.Id()}', '{open.Id()}')"));
    }

    [Fact]
    public async Task Of_concurrent_conversions_of_one_lead_exactly_one_wins()
    {
        var lead = await CreateAsync(_tenant.Owner, NewLead("Contested"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert", new { company = new { name = $"Race {i}" } })));
        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        Assert.Equal(1, await CountAsync("contacts.contacts", $"source_lead_id = '{lead.Id()}'"));
        Assert.Equal(1, await CountAsync("contacts.companies", "name LIKE 'Race %'"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failing_contact_creation_leaves_the_lead_unconverted_and_nothing_written(bool unexpected)
    {
        await using var host = fixture.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IContactDirectory));
            services.Remove(real);
            services.AddScoped<IContactDirectory>(sp => new FailingContactRegistry(
                (IContactDirectory)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!), unexpected));
        }));
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = _tenant.Owner.DefaultRequestHeaders.Authorization;
        var lead = await CreateAsync(_tenant.Owner, NewLead("Doomed"));
        var name = "Doomed Co " + Guid.NewGuid().ToString("N")[..6];

        using var response = await client.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert", new { company = new { name } });

        await ProblemAsync(response, unexpected ? HttpStatusCode.InternalServerError : HttpStatusCode.BadRequest);
        using var get = await _tenant.Owner.GetAsync($"/api/v1/leads/{lead.Id()}");
        var after = await ReadAsync(get, HttpStatusCode.OK);
        Assert.Equal("new", after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("conversion").ValueKind);
        Assert.Equal(0, await CountAsync("contacts.contacts", $"source_lead_id = '{lead.Id()}'"));
        Assert.Equal(0, await CountAsync("contacts.companies", $"name = '{name}'"));

        // The same conversion succeeds once the Contacts module behaves.
        using var retry = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert", new { company = new { name } });
        await ReadAsync(retry, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Merging_the_converted_contact_moves_the_leads_link_to_the_survivor()
    {
        var survivor = (await CreateContactAsync("Survivor", NewEmail("survivor"))).Id();
        var lead = await CreateAsync(_tenant.Owner, NewLead("Merged"));
        using var converted = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert", new { });
        var contactId = (await ReadAsync(converted, HttpStatusCode.OK)).GetProperty("contactId").GetGuid();

        using var merge = await _tenant.Owner.PostAsJsonAsync($"/api/v1/contacts/{survivor}/merge", new { otherId = contactId });
        Assert.True(merge.IsSuccessStatusCode, await merge.Content.ReadAsStringAsync());

        using var get = await _tenant.Owner.GetAsync($"/api/v1/leads/{lead.Id()}");
        Assert.Equal(survivor, (await ReadAsync(get, HttpStatusCode.OK)).GetProperty("conversion").GetProperty("contactId").GetGuid());
    }

    [Fact]
    public async Task Agents_convert_their_own_leads_into_contacts_they_own()
    {
        var (agentId, agent) = await _tenant.AddUserAsync("Agent");
        var mine = await CreateAsync(agent, NewLead("AgentConverts"));
        var theirs = await CreateAsync(_tenant.Owner, NewLead("NotTheAgents"));

        using var converted = await agent.PostAsJsonAsync($"/api/v1/leads/{mine.Id()}/convert", new { });
        var contactId = (await ReadAsync(converted, HttpStatusCode.OK)).GetProperty("contactId").GetGuid();
        using var contact = await agent.GetAsync($"/api/v1/contacts/{contactId}");
        Assert.Equal(agentId, (await ReadAsync(contact, HttpStatusCode.OK)).GetProperty("ownerId").GetGuid());
        using var refused = await agent.PostAsJsonAsync($"/api/v1/leads/{theirs.Id()}/convert", new { });
        await ProblemAsync(refused, HttpStatusCode.NotFound, "lead.not_found");
    }

    private async Task<JsonElement> CreateContactAsync(string firstName, string email)
    {
        using var response = await _tenant.Owner.PostAsJsonAsync("/api/v1/contacts", new { firstName, emails = new[] { new { address = email } } });
        return await ReadAsync(response, HttpStatusCode.Created);
    }

    private async Task<long> CountAsync(string table, string condition = "true")
    {
        await using var connection = await fixture.OpenSuperuserAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE tenant_id = '{_tenant.TenantId}' AND ({condition})", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The real registry, except that creating the contact fails after the contact (and company) were written.</summary>
    private sealed class FailingContactRegistry(IContactDirectory inner, bool unexpected) : IContactDirectory
    {
        public async Task<Guid> CreateContactAsync(NewContact contact, CancellationToken cancellationToken)
        {
            await inner.CreateContactAsync(contact, cancellationToken);
            throw unexpected
                ? new InvalidOperationException("Simulated failure after the contact was written.")
                : Problems.BadRequest("contact.invalid", "Simulated refusal after the contact was written.");
        }

        public Task<Guid> CreateCompanyAsync(NewCompany company, CancellationToken cancellationToken) => inner.CreateCompanyAsync(company, cancellationToken);

        public Task<IReadOnlySet<Guid>> ExistingContactsAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken) =>
            inner.ExistingContactsAsync(contactIds, cancellationToken);

        public Task<IReadOnlySet<Guid>> ExistingCompaniesAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken cancellationToken) =>
            inner.ExistingCompaniesAsync(companyIds, cancellationToken);

        public Task<Guid?> FindContactByEmailAsync(string email, CancellationToken cancellationToken) => inner.FindContactByEmailAsync(email, cancellationToken);

        public Task<IReadOnlySet<Guid>> VisibleContactsAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken) =>
            inner.VisibleContactsAsync(contactIds, cancellationToken);

        public Task<IReadOnlySet<Guid>> VisibleCompaniesAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken cancellationToken) =>
            inner.VisibleCompaniesAsync(companyIds, cancellationToken);
    }
}
