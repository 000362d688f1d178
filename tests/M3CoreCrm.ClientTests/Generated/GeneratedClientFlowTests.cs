using System.Net.Http.Headers;
using M3CoreCrm.Client;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.ClientTests.Generated;

/// <summary>
/// An integrator's script, written only against the client that the build generated from the OpenAPI document:
/// provision a tenant, sign in, take a lead to a contact and deal, and reserve a unit for that deal.
/// </summary>
[Collection("api")]
public sealed class GeneratedClientFlowTests(ApiFixture fixture)
{
    private const string Password = "Correct-Horse-Battery-9";

    [Fact]
    public async Task A_lead_becomes_a_deal_that_reserves_a_unit_through_the_generated_client()
    {
        using var http = fixture.CreateClient();
        var client = new M3CoreCrmClient(http);
        var slug = "gen-" + Guid.NewGuid().ToString("N")[..12];
        var email = $"owner@{slug}.test";

        http.DefaultRequestHeaders.Add("X-Platform-Key", fixture.PlatformApiKey);
        var tenant = await client.CreateTenantAsync(new CreateTenantRequest
        {
            Slug = slug, Name = "Generated Client Realty", DefaultCurrency = "AED", TimeZone = "Asia/Dubai", OwnerEmail = email, OwnerPassword = Password,
        });
        http.DefaultRequestHeaders.Remove("X-Platform-Key");
        Assert.Equal(slug, tenant.Tenant.Slug);

        var tokens = await client.LoginAsync(new LoginRequest { Tenant = slug, Email = email, Password = Password });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var me = await client.GetMeAsync();
        Assert.Equal(tenant.OwnerUserId, me.User.Id);

        var lead = await client.CreateLeadAsync(null, null, new CreateLeadRequest
        {
            FirstName = "Aisha", LastName = "Rahman", Email = $"aisha@{slug}.test", Source = LeadSource.WalkIn, Tags = ["vip"],
        });
        Assert.Equal(LeadSource.WalkIn, (await client.GetLeadAsync(lead.Id)).Source);

        var conversion = await client.ConvertLeadAsync(lead.Id, null, null, new ConvertLeadRequest
        {
            Deal = new ConvertLeadDeal { Title = "Marina 2BR", Amount = 1_850_000.50m, Currency = "AED" },
        });
        Assert.True(conversion.ContactCreated);
        Assert.Equal(LeadStatus.Converted, conversion.Lead.Status);
        var deal = await client.GetDealAsync(conversion.DealId ?? throw new InvalidOperationException("The conversion opened no deal."));
        Assert.Equal(lead.Id, deal.SourceLeadId);
        Assert.Equal(conversion.ContactId, deal.ContactId);
        Assert.Equal(1_850_000.50m, deal.Amount);

        var project = await client.CreateInventoryProjectAsync(null, new ProjectInput { Name = "Marina Heights", Location = "Dubai Marina", Status = ProjectStatus.Launched });
        var building = await client.CreateInventoryBuildingAsync(null, new CreateBuildingRequest { ProjectId = project.Id, Name = "Tower A", Floors = 30 });
        var unit = await client.CreateInventoryUnitAsync(null, new CreateUnitRequest
        {
            BuildingId = building.Id, Code = "1204", Floor = 12, Type = UnitType.TwoBedroom, Bedrooms = 2, Bathrooms = 2, Area = 118.5m, ListPrice = 1_850_000m, Currency = "AED",
        });
        Assert.Equal(UnitStatus.Available, unit.Status);

        var hold = await client.HoldInventoryUnitAsync(unit.Id, null, new HoldUnitRequest { DealId = deal.Id, Hours = 24 });
        Assert.Equal(BookingKind.Hold, hold.Kind);
        Assert.Equal(UnitStatus.Held, (await client.GetInventoryUnitAsync(unit.Id)).Status);

        var reservation = await client.CreateInventoryReservationAsync(null, new ReserveUnitRequest
        {
            UnitId = unit.Id,
            DealId = deal.Id,
            DepositAmount = 185_000m,
            PaymentPlan =
            [
                new PaymentMilestone { Label = "Booking", Percentage = 10m, DueDate = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero) },
                new PaymentMilestone { Label = "Handover", Percentage = 90m, Event = "handover" },
            ],
        });

        var readBack = await client.GetInventoryReservationAsync(reservation.Id);
        Assert.Equal(BookingKind.Reservation, readBack.Kind);
        Assert.Equal(BookingStatus.Active, readBack.Status);
        Assert.Equal(deal.Id, readBack.DealId);
        Assert.Equal(1_850_000m, readBack.Price); // the list price, snapshotted
        Assert.Equal(["Booking", "Handover"], readBack.PaymentPlan!.Select(m => m.Label));
        Assert.Equal(UnitStatus.Reserved, (await client.GetInventoryUnitAsync(unit.Id)).Status);
        Assert.Contains(await client.GetInventoryUnitHistoryAsync(unit.Id), c => c.Id == reservation.Id);
    }

    [Fact]
    public async Task Errors_arrive_as_typed_problem_details_and_idempotency_keys_replay()
    {
        var tenant = await fixture.CreateAsync();
        using var http = fixture.CreateClient((await fixture.LoginOwnerAsync(tenant)).AccessToken);
        var client = new M3CoreCrmClient(http);

        var missing = await Assert.ThrowsAsync<M3CoreCrmApiException<ProblemDetails>>(() => client.GetLeadAsync(Guid.NewGuid()));
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("lead.not_found", missing.Result.Code);
        Assert.False(string.IsNullOrEmpty(missing.Result.TraceId));

        var invalid = await Assert.ThrowsAsync<M3CoreCrmApiException<HttpValidationProblemDetails>>(
            () => client.CreateLeadAsync(null, null, new CreateLeadRequest { FirstName = "", Source = LeadSource.Website }));
        Assert.Equal("validation.failed", invalid.Result.Code);
        Assert.Contains("firstName", invalid.Result.Errors.Keys);

        var key = Guid.NewGuid().ToString();
        var request = new CreateLeadRequest { FirstName = "Omar", Email = $"omar-{key}@example.test", Source = LeadSource.Referral };
        var first = await client.CreateLeadAsync(null, key, request);
        var replay = await client.CreateLeadAsync(null, key, request);
        Assert.Equal(first.Id, replay.Id);
    }

    [Fact]
    public async Task If_Match_travels_with_a_change_and_a_stale_one_arrives_as_a_typed_412()
    {
        var tenant = await fixture.CreateAsync();
        using var http = fixture.CreateClient((await fixture.LoginOwnerAsync(tenant)).AccessToken);
        var client = new M3CoreCrmClient(http);
        var lead = await client.CreateLeadAsync(null, null, new CreateLeadRequest
        {
            FirstName = "Nadia", Email = $"nadia-{Guid.NewGuid():N}@example.test", Source = LeadSource.Website,
        });
        var contacted = new ChangeLeadStatusRequest { Status = LeadStatus.Contacted };

        // "0" is no row version PostgreSQL hands out, so it is stale for every record.
        var stale = await Assert.ThrowsAsync<M3CoreCrmApiException<ProblemDetails>>(() => client.ChangeLeadStatusAsync(lead.Id, idempotency_Key: null, if_Match: "\"0\"", body: contacted));
        Assert.Equal(412, stale.StatusCode);
        Assert.Equal("request.precondition_failed", stale.Result.Code);
        Assert.Equal(LeadStatus.New, (await client.GetLeadAsync(lead.Id)).Status);

        Assert.Equal(LeadStatus.Contacted, (await client.ChangeLeadStatusAsync(lead.Id, idempotency_Key: null, if_Match: "*", body: contacted)).Status);
    }
}
