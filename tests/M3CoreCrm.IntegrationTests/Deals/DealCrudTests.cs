using System.Net;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.IntegrationTests.Inventory;

namespace M3CoreCrm.IntegrationTests.Deals;

/// <summary>Deals: create, read, merge patch, soft delete and restore, lists with paging, sorts and filters, bad input.</summary>
[Collection("api")]
public sealed class DealCrudTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_deal_is_created_read_patched_deleted_and_restored()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var unit = await client.UnitAsync();

        var created = await client.PostAsync("/api/v1/deals", new
        {
            title = "Marina Vista 2-bed",
            amount = 2_450_000.50m,
            currency = "AED",
            expectedCloseDate = "2027-03-15",
            unitIds = new[] { unit },
        });
        var deal = created.Created();
        Assert.Equal($"/api/v1/deals/{deal.Id()}", created.Location);
        Assert.NotNull(created.ETag);
        Assert.Equal(pipeline.Id(), deal.GetProperty("pipelineId").GetGuid());
        Assert.Equal(pipeline.StageId("New inquiry"), deal.GetProperty("stageId").GetGuid());
        Assert.Equal("New inquiry", deal.Str("stageName"));
        Assert.Equal(2_450_000.50m, deal.GetProperty("amount").GetDecimal());
        Assert.Equal("open", deal.Str("status"));
        Assert.Equal(tenant.OwnerId, deal.GetProperty("ownerId").GetGuid());
        Assert.Equal([unit], deal.GetProperty("unitIds").EnumerateArray().Select(u => u.GetGuid()));
        Assert.False(deal.GetProperty("isRotting").GetBoolean());

        var read = await client.FetchAsync($"/api/v1/deals/{deal.Id()}");
        Assert.Equal(created.ETag, read.ETag);
        Assert.Equal("2027-03-15", read.Ok().Str("expectedCloseDate"));

        var patched = await client.PatchAsync($"/api/v1/deals/{deal.Id()}", new { title = "Marina Vista 3-bed", amount = 3_100_000m, expectedCloseDate = (string?)null }, read.ETag);
        Assert.Equal("Marina Vista 3-bed", patched.Ok().Str("title"));
        Assert.Equal(3_100_000m, patched.Body.GetProperty("amount").GetDecimal());
        Assert.Equal(JsonValueKind.Null, patched.Body.GetProperty("expectedCloseDate").ValueKind);
        Assert.Equal("AED", patched.Body.Str("currency"));
        Assert.NotEqual(read.ETag, patched.ETag);

        // A stale If-Match writes nothing.
        (await client.PatchAsync($"/api/v1/deals/{deal.Id()}", new { title = "Lost update" }, read.ETag)).Problem(HttpStatusCode.PreconditionFailed);
        (await client.DropAsync($"/api/v1/deals/{deal.Id()}", read.ETag)).Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Marina Vista 3-bed", (await client.FetchAsync($"/api/v1/deals/{deal.Id()}")).Ok().Str("title"));

        (await client.DropAsync($"/api/v1/deals/{deal.Id()}", patched.ETag)).Expect(HttpStatusCode.NoContent);
        (await client.FetchAsync($"/api/v1/deals/{deal.Id()}")).Problem(HttpStatusCode.NotFound, "deal.not_found");
        Assert.DoesNotContain(await client.ItemsAsync("/api/v1/deals"), d => d.Id() == deal.Id());

        var restored = (await client.PostAsync($"/api/v1/deals/{deal.Id()}/restore")).Ok();
        Assert.Equal(JsonValueKind.Null, restored.GetProperty("deletedAt").ValueKind);
        Assert.Contains(await client.ItemsAsync("/api/v1/deals"), d => d.Id() == deal.Id());
    }

    [Fact]
    public async Task A_retried_create_with_the_same_idempotency_key_makes_one_deal()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        client.DefaultRequestHeaders.Add("Idempotency-Key", "deal-import-42");

        var first = await client.PostAsync("/api/v1/deals", new { title = "Once", amount = 10m });
        var retry = await client.PostAsync("/api/v1/deals", new { title = "Once", amount = 10m });
        var reused = await client.PostAsync("/api/v1/deals", new { title = "Other", amount = 10m });

        Assert.Equal(first.Created().Id(), retry.Created().Id());
        Assert.Equal(first.Location, retry.Location);
        reused.Problem(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
        Assert.Single(await client.ItemsAsync("/api/v1/deals"));
    }

    [Fact]
    public async Task Create_defaults_and_explicit_placement()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var leasing = await client.CreatePipelineAsync("Leasing");

        var minimal = await client.CreateDealAsync(new { title = "Walk-in" });
        Assert.Equal(0m, minimal.GetProperty("amount").GetDecimal());
        Assert.Equal("AED", minimal.Str("currency")); // the tenant's default currency

        var inStage = await client.CreateDealAsync(new { title = "Viewing", stageId = leasing.StageId("Viewing"), amount = 120_000m, currency = "USD" });
        Assert.Equal(leasing.Id(), inStage.GetProperty("pipelineId").GetGuid());

        var inPipeline = await client.CreateDealAsync(new { title = "Lease", pipelineId = leasing.Id() });
        Assert.Equal(leasing.StageId("Lead in"), inPipeline.GetProperty("stageId").GetGuid());

        (await client.PostAsync("/api/v1/deals", new { title = "Mismatch", pipelineId = pipeline.Id(), stageId = leasing.StageId("Viewing") })).FieldError("stageId");
        (await client.PostAsync("/api/v1/deals", new { title = "Born won", stageId = pipeline.StageId("Won") })).Problem(HttpStatusCode.BadRequest, "deal.use_win_or_lose");
        (await client.PostAsync("/api/v1/deals", new { title = "Nowhere", pipelineId = Guid.NewGuid() })).FieldError("pipelineId");
    }

    [Fact]
    public async Task Bad_input_is_a_clear_4xx_and_changes_nothing()
    {
        var tenant = await fixture.CreateAsync();
        var other = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        using var otherClient = await fixture.OwnerClientAsync(other);
        var foreignStage = (await otherClient.DefaultPipelineAsync()).StageId("Qualified");
        var foreignPipeline = (await otherClient.DefaultPipelineAsync()).Id();
        var foreignUser = other.OwnerId;

        (await client.PostAsync("/api/v1/deals", new { title = "Negative", amount = -1m })).FieldError("amount");
        (await client.PostAsync("/api/v1/deals", new { title = "Fractions", amount = 10.005m })).FieldError("amount");
        (await client.PostAsync("/api/v1/deals", new { title = "Huge", amount = 100_000_000_000_000_000m })).FieldError("amount");
        (await client.PostAsync("/api/v1/deals", new { title = "Unknown currency", currency = "XYZ" })).FieldError("currency");
        (await client.PostAsync("/api/v1/deals", new { title = "Lower-case currency", currency = "aed" })).FieldError("currency");
        (await client.PostAsync("/api/v1/deals", new { title = "" })).FieldError("title");
        (await client.PostAsync("/api/v1/deals", new { title = "Foreign stage", stageId = foreignStage })).FieldError("stageId");
        (await client.PostAsync("/api/v1/deals", new { title = "Foreign pipeline", pipelineId = foreignPipeline })).FieldError("pipelineId");
        (await client.PostAsync("/api/v1/deals", new { title = "Foreign owner", ownerId = foreignUser })).Problem(HttpStatusCode.BadRequest);
        (await client.PostAsync("/api/v1/deals", new { title = "Duplicate units", unitIds = new[] { foreignUser, foreignUser } })).FieldError("unitIds");
        (await client.PostAsync("/api/v1/deals", new { title = "Unknown unit", unitIds = new[] { Guid.NewGuid() } })).FieldError("unitIds");
        (await client.PostAsync("/api/v1/deals", new { title = "Foreign unit", unitIds = new[] { await otherClient.UnitAsync() } })).FieldError("unitIds");
        (await client.PostAsync("/api/v1/deals", """{"title":"Typo","amout":5}""")).Problem(HttpStatusCode.BadRequest);
        Assert.Empty(await client.ItemsAsync("/api/v1/deals"));

        var deal = await client.CreateDealAsync(new { title = "Kept", amount = 500_000m });
        (await client.PatchAsync($"/api/v1/deals/{deal.Id()}", new { amount = -5 })).FieldError("amount");
        (await client.PatchAsync($"/api/v1/deals/{deal.Id()}", new { currency = "EURO" })).FieldError("currency");
        (await client.PatchAsync($"/api/v1/deals/{deal.Id()}", new { amount = (decimal?)null })).FieldError("amount");
        (await client.PatchAsync($"/api/v1/deals/{deal.Id()}", new { stageId = foreignStage })).Problem(HttpStatusCode.BadRequest, "request.invalid_patch");
        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/move", new { stageId = foreignStage })).FieldError("stageId");
        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/move", new { stageId = foreignStage, pipelineId = foreignPipeline })).FieldError("stageId");
        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/lose", new { reason = "" })).FieldError("reason");

        var after = (await client.FetchAsync($"/api/v1/deals/{deal.Id()}")).Ok();
        Assert.Equal(500_000m, after.GetProperty("amount").GetDecimal());
        Assert.Equal("AED", after.Str("currency"));
        Assert.Equal("open", after.Str("status"));
        Assert.Equal(deal.GetProperty("stageId").GetGuid(), after.GetProperty("stageId").GetGuid());
        Assert.Single((await client.FetchAsync($"/api/v1/deals/{deal.Id()}/history")).Ok().EnumerateArray());

        // Another tenant cannot see or touch it.
        (await otherClient.FetchAsync($"/api/v1/deals/{deal.Id()}")).Problem(HttpStatusCode.NotFound);
        (await otherClient.PostAsync($"/api/v1/deals/{deal.Id()}/win")).Problem(HttpStatusCode.NotFound);
        (await otherClient.FetchAsync($"/api/v1/deals/board/stages/{deal.GetProperty("stageId").GetGuid()}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Contact_and_company_must_exist_in_the_tenant()
    {
        var tenant = await fixture.CreateAsync();
        var other = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        using var otherClient = await fixture.OwnerClientAsync(other);
        var contact = (await client.PostAsync("/api/v1/contacts", new { firstName = "Layla", lastName = "Haddad" })).Created().Id();
        var company = (await client.PostAsync("/api/v1/companies", new { name = "Haddad Holdings" })).Created().Id();
        var foreignContact = (await otherClient.PostAsync("/api/v1/contacts", new { firstName = "Other" })).Created().Id();

        var deal = await client.CreateDealAsync(new { title = "Linked", contactId = contact, companyId = company });
        Assert.Equal(contact, deal.GetProperty("contactId").GetGuid());
        Assert.Equal(company, deal.GetProperty("companyId").GetGuid());
        Assert.Equal([deal.Id()], (await client.ItemsAsync($"/api/v1/deals?contactId={contact}")).Select(d => d.Id()));
        Assert.Equal([deal.Id()], (await client.ItemsAsync($"/api/v1/deals?companyId={company}")).Select(d => d.Id()));

        (await client.PostAsync("/api/v1/deals", new { title = "Unknown contact", contactId = Guid.NewGuid() })).FieldError("contactId");
        (await client.PostAsync("/api/v1/deals", new { title = "Foreign contact", contactId = foreignContact })).FieldError("contactId");
        (await client.PostAsync("/api/v1/deals", new { title = "Unknown company", companyId = Guid.NewGuid() })).FieldError("companyId");
        (await client.PatchAsync($"/api/v1/deals/{deal.Id()}", new { contactId = foreignContact })).FieldError("contactId");
        Assert.Equal(contact, (await client.FetchAsync($"/api/v1/deals/{deal.Id()}")).Ok().GetProperty("contactId").GetGuid());
        Assert.Single(await client.ItemsAsync("/api/v1/deals"));
    }

    [Fact]
    public async Task The_source_lead_must_exist_in_the_tenant()
    {
        var tenant = await fixture.CreateAsync();
        var other = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        using var otherClient = await fixture.OwnerClientAsync(other);
        var lead = (await client.PostAsync("/api/v1/leads", new { firstName = "Omar", email = $"omar-{Guid.NewGuid():N}@example.test" })).Created().Id();
        var foreignLead = (await otherClient.PostAsync("/api/v1/leads", new { firstName = "Other", email = $"other-{Guid.NewGuid():N}@example.test" })).Created().Id();

        var deal = await client.CreateDealAsync(new { title = "From a lead", sourceLeadId = lead });
        Assert.Equal(lead, deal.GetProperty("sourceLeadId").GetGuid());
        (await client.PostAsync("/api/v1/deals", new { title = "Foreign lead", sourceLeadId = foreignLead })).FieldError("sourceLeadId");
        (await client.PatchAsync($"/api/v1/deals/{deal.Id()}", new { sourceLeadId = Guid.NewGuid() })).FieldError("sourceLeadId");
        Assert.Equal(lead, (await client.FetchAsync($"/api/v1/deals/{deal.Id()}")).Ok().GetProperty("sourceLeadId").GetGuid());
    }

    [Fact]
    public async Task The_list_pages_sorts_and_filters()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var offer = pipeline.StageId("Offer");
        var agent = await fixture.AddUserAsync(tenant, "Agent");
        var made = new List<JsonElement>();
        for (var i = 0; i < 7; i++)
        {
            made.Add(await client.CreateDealAsync(new
            {
                title = i % 2 == 0 ? $"Palm villa {i}" : $"Creek flat {i}",
                amount = 100_000m * (7 - i),
                stageId = i < 3 ? offer : (Guid?)null,
                ownerId = i == 6 ? agent.Id : (Guid?)null,
                expectedCloseDate = i == 0 ? null : $"2027-0{i}-01",
            }));
        }

        // Newest first by default, three per page, every deal once.
        var pages = await client.AllPagesAsync("/api/v1/deals?limit=3");
        Assert.Equal(made.Select(d => d.Id()).Reverse(), pages.Select(d => d.Id()));
        var first = (await client.FetchAsync("/api/v1/deals?limit=3&includeTotal=true")).Ok();
        Assert.Equal(7, first.GetProperty("total").GetInt64());
        Assert.Equal(3, first.GetProperty("items").GetArrayLength());

        var byAmount = await client.AllPagesAsync("/api/v1/deals?sort=amount&limit=2");
        Assert.Equal(made.Select(d => d.Id()).Reverse(), byAmount.Select(d => d.Id()));
        var byClose = await client.AllPagesAsync("/api/v1/deals?sort=expectedCloseDate&limit=4");
        Assert.Equal(made.Skip(1).Append(made[0]).Select(d => d.Id()), byClose.Select(d => d.Id())); // unknown dates last
        var byCloseDesc = await client.AllPagesAsync("/api/v1/deals?sort=-expectedCloseDate&limit=4");
        Assert.Equal(byClose.Select(d => d.Id()).Reverse(), byCloseDesc.Select(d => d.Id()));
        Assert.Equal(7, (await client.AllPagesAsync("/api/v1/deals?sort=-updatedAt&limit=5")).Count);

        Assert.Equal(3, (await client.ItemsAsync($"/api/v1/deals?stageId={offer}")).Count);
        Assert.Equal(7, (await client.ItemsAsync($"/api/v1/deals?pipelineId={pipeline.Id()}")).Count);
        Assert.Equal([made[6].Id()], (await client.ItemsAsync($"/api/v1/deals?ownerId={agent.Id}")).Select(d => d.Id()));
        Assert.Equal(4, (await client.ItemsAsync("/api/v1/deals?q=PALM")).Count);
        Assert.Empty(await client.ItemsAsync("/api/v1/deals?q=50%25"));
        Assert.Equal(7, (await client.ItemsAsync("/api/v1/deals?status=open")).Count);
        Assert.Empty(await client.ItemsAsync("/api/v1/deals?status=won"));
        Assert.Equal(7, (await client.ItemsAsync("/api/v1/deals?status=Won,OPEN")).Count);

        var middle = made[3].GetProperty("createdAt").GetDateTimeOffset().ToUniversalTime().ToString("O");
        var fromMiddle = await client.ItemsAsync($"/api/v1/deals?createdFrom={Uri.EscapeDataString(middle)}");
        Assert.Equal(made.Skip(3).Select(d => d.Id()).Reverse(), fromMiddle.Select(d => d.Id()));
        var beforeMiddle = await client.ItemsAsync($"/api/v1/deals?createdTo={Uri.EscapeDataString(middle)}");
        Assert.Equal(made.Take(3).Select(d => d.Id()).Reverse(), beforeMiddle.Select(d => d.Id()));

        (await client.FetchAsync("/api/v1/deals?sort=title")).Problem(HttpStatusCode.BadRequest, "paging.invalid_sort");
        (await client.FetchAsync("/api/v1/deals?limit=500")).Problem(HttpStatusCode.BadRequest, "paging.invalid_limit");
        (await client.FetchAsync("/api/v1/deals?cursor=garbage")).Problem(HttpStatusCode.BadRequest, "paging.invalid_cursor");
        (await client.FetchAsync("/api/v1/deals?status=maybe")).FieldError("status");
        (await client.FetchAsync("/api/v1/deals?createdFrom=2027-01-02T00:00:00Z&createdTo=2027-01-01T00:00:00Z")).FieldError("createdFrom");
        (await client.FetchAsync("/api/v1/deals?q=" + new string('x', 201))).FieldError("q");
    }
}
