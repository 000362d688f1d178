using System.Net;
using System.Net.Http.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Contacts.ContactsKit;

namespace M3CoreCrm.IntegrationTests.Contacts;

/// <summary>Tenant isolation and scoped permissions on every contact and company route.</summary>
[Collection("api")]
public sealed class ContactAccessTests(ApiFixture fixture)
{
    [Fact]
    public async Task Another_tenants_records_are_404_on_every_route_with_an_id_and_absent_from_lists()
    {
        using var home = await fixture.NewTenantAsync();
        using var intruder = await fixture.NewTenantAsync();
        var company = await home.Owner.CreateCompanyAsync(new { name = "Home Company" });
        var contact = await home.Owner.CreateSimpleContactAsync("Home", extra: new { companyId = company.Id() });
        var mine = await intruder.Owner.CreateSimpleContactAsync("Intruder");
        var c = $"/api/v1/contacts/{contact.Id()}";
        var co = $"/api/v1/companies/{company.Id()}";

        var attempts = new (string Name, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("GET contact", () => intruder.Owner.GetAsync(new Uri(c, UriKind.Relative))),
            ("PATCH contact", () => intruder.Owner.PatchJsonAsync(c, """{"firstName": "Hacked"}""")),
            ("DELETE contact", () => intruder.Owner.DeleteAsync(c, null)),
            ("restore contact", () => intruder.Owner.PostAsync(new Uri(c + "/restore", UriKind.Relative), null)),
            ("merge into contact", () => intruder.Owner.PostJsonAsync(c + "/merge", $$"""{"otherId": "{{mine.Id()}}"}""")),
            ("merge contact away", () => intruder.Owner.PostJsonAsync($"/api/v1/contacts/{mine.Id()}/merge", $$"""{"otherId": "{{contact.Id()}}"}""")),
            ("GET company", () => intruder.Owner.GetAsync(new Uri(co, UriKind.Relative))),
            ("GET company contacts", () => intruder.Owner.GetAsync(new Uri(co + "/contacts", UriKind.Relative))),
            ("PATCH company", () => intruder.Owner.PatchJsonAsync(co, """{"name": "Hacked"}""")),
            ("DELETE company", () => intruder.Owner.DeleteAsync(co, null)),
            ("restore company", () => intruder.Owner.PostAsync(new Uri(co + "/restore", UriKind.Relative), null)),
        };
        foreach (var (name, send) in attempts)
        {
            using var response = await send();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using (var batch = await intruder.Owner.PostAsJsonAsync("/api/v1/contacts/batch", new { items = new[] { new { id = contact.Id(), data = new { firstName = "Hacked" } } } }))
        {
            Assert.Equal(404, (await ExpectAsync(batch, HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("status").GetInt32());
        }

        using (var companyBatch = await intruder.Owner.PostAsJsonAsync("/api/v1/companies/batch", new { items = new[] { new { id = company.Id(), data = new { name = "Hacked" } } } }))
        {
            Assert.Equal(404, (await ExpectAsync(companyBatch, HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("status").GetInt32());
        }

        using (var link = await intruder.Owner.PostAsJsonAsync("/api/v1/contacts", new { firstName = "Linker", companyId = company.Id() }))
        {
            await ExpectProblemAsync(link, HttpStatusCode.BadRequest, "validation.failed");
        }

        Assert.Equal([mine.Id()], (await intruder.Owner.GetJsonAsync("/api/v1/contacts")).ItemIds());
        Assert.Empty((await intruder.Owner.GetJsonAsync("/api/v1/companies")).ItemIds());
        Assert.Empty((await intruder.Owner.GetJsonAsync($"/api/v1/contacts?companyId={company.Id()}")).ItemIds());
        Assert.Empty((await intruder.Owner.GetJsonAsync("/api/v1/contacts?q=home")).ItemIds());

        // The same email in another tenant is no duplicate.
        var email = contact.GetProperty("emails")[0].Str("address");
        await intruder.Owner.CreateContactAsync(new { firstName = "Twin", emails = new[] { new { address = email } } });

        var untouched = await home.Owner.GetJsonAsync(c);
        Assert.Equal(contact.GetRawText(), untouched.GetRawText());
        Assert.Equal("Home Company", (await home.Owner.GetJsonAsync(co)).Str("name"));
    }

    [Fact]
    public async Task An_agent_sees_and_changes_only_own_contacts_while_the_owner_sees_all()
    {
        using var world = await fixture.NewTenantAsync();
        var (agentId, agent) = await fixture.AddUserAsync(world.Tenant, "Agent");
        using var _ = agent;
        var (otherAgentId, otherAgent) = await fixture.AddUserAsync(world.Tenant, "Agent");
        using var __ = otherAgent;

        var agentsOwn = await agent.CreateSimpleContactAsync("AgentOwned");
        Assert.Equal(agentId, agentsOwn.GetProperty("ownerId").GetGuid());
        var ownersOwn = await world.Owner.CreateSimpleContactAsync("OwnerOwned");
        var assigned = await world.Owner.CreateSimpleContactAsync("Assigned", extra: new { ownerId = agentId });
        var colleagues = await otherAgent.CreateSimpleContactAsync("Colleague");

        Assert.Equal([assigned.Id(), agentsOwn.Id()], (await agent.GetJsonAsync("/api/v1/contacts")).ItemIds());
        Assert.Equal(2, (await agent.GetJsonAsync("/api/v1/contacts?includeTotal=true")).GetProperty("total").GetInt64());
        Assert.Empty((await agent.GetJsonAsync("/api/v1/contacts?q=owner")).ItemIds());
        Assert.Equal(4, (await world.Owner.GetJsonAsync("/api/v1/contacts")).ItemIds().Count);
        Assert.Equal([colleagues.Id()], (await otherAgent.GetJsonAsync("/api/v1/contacts")).ItemIds());

        var foreign = $"/api/v1/contacts/{ownersOwn.Id()}";
        await agent.GetJsonAsync(foreign, HttpStatusCode.NotFound);
        using (var patch = await agent.PatchJsonAsync(foreign, """{"firstName": "Mine now"}"""))
        {
            await ExpectProblemAsync(patch, HttpStatusCode.NotFound);
        }

        using (var merge = await agent.PostJsonAsync($"/api/v1/contacts/{agentsOwn.Id()}/merge", $$"""{"otherId": "{{ownersOwn.Id()}}"}"""))
        {
            await ExpectProblemAsync(merge, HttpStatusCode.NotFound);
        }

        // Agents have no delete permission at all: 403, whether the record is theirs or not.
        using (var delete = await agent.DeleteAsync($"/api/v1/contacts/{agentsOwn.Id()}", null))
        {
            await ExpectProblemAsync(delete, HttpStatusCode.Forbidden, "auth.permission_denied");
        }

        using (var restore = await agent.PostAsync(new Uri($"/api/v1/contacts/{agentsOwn.Id()}/restore", UriKind.Relative), null))
        {
            await ExpectProblemAsync(restore, HttpStatusCode.Forbidden, "auth.permission_denied");
        }

        // An agent can neither create records for someone else nor give theirs away.
        using (var forOther = await agent.PostAsJsonAsync("/api/v1/contacts", new { firstName = "Gift", ownerId = world.Tenant.OwnerId }))
        {
            await ExpectProblemAsync(forOther, HttpStatusCode.Forbidden, "contact.owner_out_of_scope");
        }

        using (var giveAway = await agent.PatchJsonAsync($"/api/v1/contacts/{agentsOwn.Id()}", $$"""{"ownerId": "{{otherAgentId}}"}"""))
        {
            await ExpectProblemAsync(giveAway, HttpStatusCode.Forbidden, "contact.owner_out_of_scope");
        }

        using (var unassign = await agent.PatchJsonAsync($"/api/v1/contacts/{agentsOwn.Id()}", """{"ownerId": null}"""))
        {
            await ExpectProblemAsync(unassign, HttpStatusCode.Forbidden, "contact.owner_out_of_scope");
        }

        using (var ownPatch = await agent.PatchJsonAsync($"/api/v1/contacts/{assigned.Id()}", """{"lastName": "Worked"}"""))
        {
            await ExpectAsync(ownPatch, HttpStatusCode.OK);
        }

        var agentsSecond = await agent.CreateSimpleContactAsync("AgentSecond");
        using (var ownMerge = await agent.PostJsonAsync($"/api/v1/contacts/{agentsOwn.Id()}/merge", $$"""{"otherId": "{{agentsSecond.Id()}}"}"""))
        {
            await ExpectAsync(ownMerge, HttpStatusCode.OK);
        }

        // The owner may reassign anything, and the agent then loses sight of it.
        using (var reassign = await world.Owner.PatchJsonAsync($"/api/v1/contacts/{assigned.Id()}", $$"""{"ownerId": "{{otherAgentId}}"}"""))
        {
            await ExpectAsync(reassign, HttpStatusCode.OK);
        }

        await agent.GetJsonAsync($"/api/v1/contacts/{assigned.Id()}", HttpStatusCode.NotFound);
        await otherAgent.GetJsonAsync($"/api/v1/contacts/{assigned.Id()}");
    }

    [Fact]
    public async Task A_company_contact_list_shows_an_agent_only_the_contacts_in_scope()
    {
        using var world = await fixture.NewTenantAsync();
        var (agentId, agent) = await fixture.AddUserAsync(world.Tenant, "Agent");
        using var _ = agent;
        var company = await world.Owner.CreateCompanyAsync(new { name = "Shared Developer", ownerId = agentId });
        var ownersCompany = await world.Owner.CreateCompanyAsync(new { name = "Owner's Developer" });
        var theirs = await world.Owner.CreateSimpleContactAsync("OwnerContact", extra: new { companyId = company.Id() });
        var mine = await agent.CreateSimpleContactAsync("AgentContact", extra: new { companyId = company.Id() });

        Assert.Equal([mine.Id()], (await agent.GetJsonAsync($"/api/v1/companies/{company.Id()}/contacts")).ItemIds());
        Assert.Equal([mine.Id(), theirs.Id()], (await world.Owner.GetJsonAsync($"/api/v1/companies/{company.Id()}/contacts")).ItemIds());
        Assert.Equal([company.Id()], (await agent.GetJsonAsync("/api/v1/companies")).ItemIds());
        await agent.GetJsonAsync($"/api/v1/companies/{ownersCompany.Id()}", HttpStatusCode.NotFound);
        await agent.GetJsonAsync($"/api/v1/companies/{ownersCompany.Id()}/contacts", HttpStatusCode.NotFound);

        // A company the agent may not read is answered like one that does not exist.
        using var linked = await agent.PostAsync("/api/v1/contacts", JsonContent.Create(new { firstName = "Linked", companyId = ownersCompany.Id() }));
        Assert.Equal(HttpStatusCode.BadRequest, linked.StatusCode);
        Assert.Contains("No company with this id exists.", await linked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_reads_everything_and_writes_nothing()
    {
        using var world = await fixture.NewTenantAsync();
        var (_, viewer) = await fixture.AddUserAsync(world.Tenant, "Viewer");
        using var _ = viewer;
        var contact = await world.Owner.CreateSimpleContactAsync("Visible");
        var company = await world.Owner.CreateCompanyAsync(new { name = "Visible Company" });

        Assert.Equal([contact.Id()], (await viewer.GetJsonAsync("/api/v1/contacts")).ItemIds());
        await viewer.GetJsonAsync($"/api/v1/contacts/{contact.Id()}");
        await viewer.GetJsonAsync($"/api/v1/companies/{company.Id()}");

        var writes = new (string Name, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("create contact", () => viewer.PostAsJsonAsync("/api/v1/contacts", new { firstName = "No" })),
            ("patch contact", () => viewer.PatchJsonAsync($"/api/v1/contacts/{contact.Id()}", """{"firstName": "No"}""")),
            ("delete contact", () => viewer.DeleteAsync($"/api/v1/contacts/{contact.Id()}", null)),
            ("restore contact", () => viewer.PostAsync(new Uri($"/api/v1/contacts/{contact.Id()}/restore", UriKind.Relative), null)),
            ("merge contact", () => viewer.PostJsonAsync($"/api/v1/contacts/{contact.Id()}/merge", $$"""{"otherId": "{{Guid.CreateVersion7()}}"}""")),
            ("batch contacts", () => viewer.PostAsJsonAsync("/api/v1/contacts/batch", new { items = new[] { new { data = new { firstName = "No" } } } })),
            ("create company", () => viewer.PostAsJsonAsync("/api/v1/companies", new { name = "No" })),
            ("patch company", () => viewer.PatchJsonAsync($"/api/v1/companies/{company.Id()}", """{"name": "No"}""")),
            ("delete company", () => viewer.DeleteAsync($"/api/v1/companies/{company.Id()}", null)),
            ("batch companies", () => viewer.PostAsJsonAsync("/api/v1/companies/batch", new { items = new[] { new { data = new { name = "No" } } } })),
        };
        foreach (var (name, send) in writes)
        {
            using var response = await send();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name}: {(int)response.StatusCode}");
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "auth.permission_denied");
        }

        Assert.Equal("Visible", (await world.Owner.GetJsonAsync($"/api/v1/contacts/{contact.Id()}")).Str("firstName"));
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/contacts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
