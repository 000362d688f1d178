using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.IntegrationTests.Inventory;

namespace M3CoreCrm.IntegrationTests.Deals;

/// <summary>
/// A deal naming a contact, company, lead, pipeline or stage the caller may not see gets exactly the answer of one
/// naming a missing record (status, code, detail and errors, ids aside), so record ids cannot be probed.
/// </summary>
[Collection("api")]
public sealed class DealReferenceVisibilityTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_deal_naming_a_record_the_caller_cannot_see_answers_like_one_naming_a_missing_record()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var team = await fixture.AddTeamAsync(tenant);
        using var member = await fixture.ClientAsync(tenant, team.Member);
        using var outsider = await fixture.ClientAsync(tenant, team.Outsider);
        var groupOnly = await owner.CreatePipelineAsync("Team pipeline", [await fixture.CreateGroupAsync(tenant, "Towers", team.Member.Id)]);
        var references = new Dictionary<string, Guid>
        {
            ["contactId"] = (await member.PostAsync("/api/v1/contacts", new { firstName = "Member's contact" })).Created().Id(),
            ["companyId"] = (await member.PostAsync("/api/v1/companies", new { name = "Member's company" })).Created().Id(),
            ["sourceLeadId"] = (await member.PostAsync("/api/v1/leads", new { firstName = "Member's lead", email = $"lead-{Guid.NewGuid():N}@example.test", source = "website" })).Created().Id(),
            ["pipelineId"] = groupOnly.Id(),
            ["stageId"] = groupOnly.StageId("Lead in"),
        };

        foreach (var (field, id) in references)
        {
            var missing = Guid.CreateVersion7();
            BookingScopeTests.AssertSameAnswer(
                await outsider.PostAsync("/api/v1/deals", new Dictionary<string, object> { ["title"] = "Probe", [field] = id }), id,
                await outsider.PostAsync("/api/v1/deals", new Dictionary<string, object> { ["title"] = "Probe", [field] = missing }), missing);
        }

        var deal = (await outsider.CreateDealAsync(new { title = "Outsider's buyer" })).Id();
        foreach (var field in new[] { "contactId", "companyId", "sourceLeadId" })
        {
            var missing = Guid.CreateVersion7();
            BookingScopeTests.AssertSameAnswer(
                await outsider.PatchAsync($"/api/v1/deals/{deal}", new Dictionary<string, Guid> { [field] = references[field] }), references[field],
                await outsider.PatchAsync($"/api/v1/deals/{deal}", new Dictionary<string, Guid> { [field] = missing }), missing);
        }

        // The member sees them all, so the same deal is fine for them.
        (await member.PostAsync("/api/v1/deals", new
        {
            title = "Member's buyer", stageId = references["stageId"], contactId = references["contactId"],
            companyId = references["companyId"], sourceLeadId = references["sourceLeadId"],
        })).Created();
    }
}
