using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Leads.LeadsHttp;

namespace M3CoreCrm.IntegrationTests.Leads;

[Collection("api")]
public sealed class LeadCrudTests(ApiFixture fixture) : IAsyncLifetime
{
    private LeadsTestTenant _tenant = null!;

    public async Task InitializeAsync() => _tenant = await LeadsTestTenant.CreateAsync(fixture);

    public Task DisposeAsync()
    {
        _tenant.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Create_returns_201_with_location_etag_and_the_normalized_lead()
    {
        var projectId = Guid.NewGuid();
        using var response = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads", new
        {
            firstName = "  Layla ",
            lastName = "Al Mansoori",
            email = " Layla.AlMansoori@Example.com ",
            phone = "+971 50 123 4567",
            source = "walkIn",
            budget = new { min = 1_500_000.5m, max = 2_500_000m, currency = "AED" },
            interest = new { projectId, unitType = "villa", bedrooms = 4 },
            notes = "Wants a sea view.",
            tags = new[] { "VIP", "golden-visa", "vip" },
        });

        var lead = await ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/leads/{lead.Id()}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("Layla", lead.GetProperty("firstName").GetString());
        Assert.Equal("Layla Al Mansoori", lead.GetProperty("fullName").GetString());
        Assert.Equal("Layla.AlMansoori@Example.com", lead.GetProperty("email").GetString());
        Assert.Equal("+971501234567", lead.GetProperty("phone").GetString());
        Assert.Equal("walkIn", lead.GetProperty("source").GetString());
        Assert.Equal("new", lead.GetProperty("status").GetString());
        Assert.Equal(1_500_000.5m, lead.GetProperty("budget").GetProperty("min").GetDecimal());
        Assert.Equal("AED", lead.GetProperty("budget").GetProperty("currency").GetString());
        Assert.Equal(projectId, lead.GetProperty("interest").GetProperty("projectId").GetGuid());
        Assert.Equal(4, lead.GetProperty("interest").GetProperty("bedrooms").GetInt32());
        Assert.Equal(["vip", "golden-visa"], lead.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!));
        Assert.Equal(JsonValueKind.Null, lead.GetProperty("conversion").ValueKind);

        using var get = await _tenant.Owner.GetAsync($"/api/v1/leads/{lead.Id()}");
        var read = await ReadAsync(get, HttpStatusCode.OK);
        Assert.Equal(response.Headers.ETag, get.Headers.ETag);
        Assert.Equal("Layla Al Mansoori", read.GetProperty("fullName").GetString());
    }

    [Fact]
    public async Task Patch_merges_fields_and_a_stale_If_Match_gives_412_without_writing()
    {
        var created = await CreateAsync(_tenant.Owner, NewLead("Omar", "Farouk", extra: new { notes = "first", tags = new[] { "hot" } }));
        using var get = await _tenant.Owner.GetAsync($"/api/v1/leads/{created.Id()}");
        var etag = get.Headers.ETag!.ToString();

        using var patched = await PatchAsync(_tenant.Owner, created.Id(), new { lastName = (string?)null, notes = "second", budget = new { min = 900_000, currency = "AED" } }, etag);
        var lead = await ReadAsync(patched, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, lead.GetProperty("lastName").ValueKind);
        Assert.Equal("Omar", lead.GetProperty("fullName").GetString());
        Assert.Equal("second", lead.GetProperty("notes").GetString());
        Assert.Equal(["hot"], lead.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!));
        Assert.Equal(900_000m, lead.GetProperty("budget").GetProperty("min").GetDecimal());
        Assert.NotEqual(etag, patched.Headers.ETag!.ToString());

        using var stale = await PatchAsync(_tenant.Owner, created.Id(), new { notes = "third" }, etag);
        await ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "request.precondition_failed");
        using var after = await _tenant.Owner.GetAsync($"/api/v1/leads/{created.Id()}");
        Assert.Equal("second", (await ReadAsync(after, HttpStatusCode.OK)).GetProperty("notes").GetString());
    }

    [Fact]
    public async Task Patch_cannot_touch_status_or_owner_and_is_validated_like_a_create()
    {
        var created = await CreateAsync(_tenant.Owner, NewLead());

        using var status = await PatchAsync(_tenant.Owner, created.Id(), new { status = "qualified" });
        await ProblemAsync(status, HttpStatusCode.BadRequest, "request.invalid_patch");
        using var owner = await PatchAsync(_tenant.Owner, created.Id(), new { ownerId = _tenant.OwnerId });
        await ProblemAsync(owner, HttpStatusCode.BadRequest, "request.invalid_patch");
        using var email = await PatchAsync(_tenant.Owner, created.Id(), new { email = "not-an-email" });
        var problem = await ProblemAsync(email, HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        using var cleared = await PatchAsync(_tenant.Owner, created.Id(), new { email = (string?)null, phone = (string?)null });
        problem = await ProblemAsync(cleared, HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        using var notObject = await PatchAsync(_tenant.Owner, created.Id(), "[1,2]");
        await ProblemAsync(notObject, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Delete_is_soft_honours_If_Match_and_restore_brings_the_lead_back()
    {
        var created = await CreateAsync(_tenant.Owner, NewLead("Sara"));
        var id = created.Id();

        using var stale = await SendAsync(_tenant.Owner, new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/leads/{id}") { Headers = { { "If-Match", "\"1\"" } } });
        await ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        using var deleted = await _tenant.Owner.DeleteAsync($"/api/v1/leads/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await _tenant.Owner.GetAsync($"/api/v1/leads/{id}");
        await ProblemAsync(gone, HttpStatusCode.NotFound, "lead.not_found");
        Assert.DoesNotContain(await ListAllAsync(_tenant.Owner, "/api/v1/leads?limit=200"), l => l.Id() == id);
        Assert.Equal(1, await _tenant.CountAsync($"id = '{id}' AND deleted_at IS NOT NULL"));

        using var restored = await _tenant.Owner.PostAsync($"/api/v1/leads/{id}/restore", null);
        Assert.Equal(id, (await ReadAsync(restored, HttpStatusCode.OK)).Id());
        using var back = await _tenant.Owner.GetAsync($"/api/v1/leads/{id}");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        using var again = await _tenant.Owner.PostAsync($"/api/v1/leads/{id}/restore", null);
        await ProblemAsync(again, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Duplicate_email_or_phone_gives_409_with_the_existing_id_unless_allowed()
    {
        var email = NewEmail("dup");
        var phone = NewPhone();
        var first = await CreateAsync(_tenant.Owner, NewLead("First", email: email, phone: phone));

        using var sameEmail = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads", NewLead("Second", email: email.ToUpperInvariant()));
        var problem = await ProblemAsync(sameEmail, HttpStatusCode.Conflict, "lead.duplicate");
        Assert.Equal(first.Id(), problem.GetProperty("existingId").GetGuid());

        var spaced = $"{phone[..4]} {phone[4..6]} {phone[6..9]} {phone[9..]}";
        using var samePhone = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads", NewLead("Third", phone: spaced));
        problem = await ProblemAsync(samePhone, HttpStatusCode.Conflict, "lead.duplicate");
        Assert.Equal(first.Id(), problem.GetProperty("existingId").GetGuid());

        var allowed = await CreateAsync(_tenant.Owner, NewLead("Fourth", email: email, phone: phone), "?allowDuplicate=true");
        Assert.NotEqual(first.Id(), allowed.Id());

        // A deleted lead no longer counts.
        var other = NewEmail("gone");
        var deleted = await CreateAsync(_tenant.Owner, NewLead("Gone", email: other));
        using (await _tenant.Owner.DeleteAsync($"/api/v1/leads/{deleted.Id()}"))
        {
        }

        await CreateAsync(_tenant.Owner, NewLead("Reborn", email: other));

        // Patching onto another lead's email is a duplicate too.
        using var patch = await PatchAsync(_tenant.Owner, allowed.Id(), new { email = NewEmail("fresh") });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        using var clash = await PatchAsync(_tenant.Owner, allowed.Id(), new { email });
        await ProblemAsync(clash, HttpStatusCode.Conflict, "lead.duplicate");
    }

    [Fact]
    public async Task Concurrent_creates_of_one_email_let_exactly_one_through()
    {
        var email = NewEmail("race");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _tenant.Owner.PostAsJsonAsync("/api/v1/leads", NewLead($"Racer{i}", email: email))));
        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            Assert.Equal(1, await _tenant.CountAsync($"normalized_email = '{email}'"));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task History_lists_the_leads_audit_entries_newest_first_and_pages()
    {
        var created = await CreateAsync(_tenant.Owner, NewLead("Hana"));
        var id = created.Id();
        using (await PatchAsync(_tenant.Owner, id, new { notes = "called twice" }))
        using (await StatusAsync(_tenant.Owner, id, "contacted"))
        {
        }

        using var response = await _tenant.Owner.GetAsync($"/api/v1/leads/{id}/history");
        var page = await ReadAsync(response, HttpStatusCode.OK);
        var entries = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, entries.Count);
        Assert.Equal(["updated", "updated", "created"], entries.Select(e => e.GetProperty("action").GetString()!));
        Assert.Equal("contacted", entries[0].GetProperty("changes").GetProperty("status").GetProperty("new").GetString());
        Assert.Equal("called twice", entries[1].GetProperty("changes").GetProperty("notes").GetProperty("new").GetString());
        Assert.Equal(_tenant.OwnerId, entries[2].GetProperty("actorId").GetGuid());

        var paged = await ListAllAsync(_tenant.Owner, $"/api/v1/leads/{id}/history?limit=1");
        Assert.Equal(entries.Select(e => e.Id()), paged.Select(e => e.Id()));

        using var unknown = await _tenant.Owner.GetAsync($"/api/v1/leads/{Guid.NewGuid()}/history");
        await ProblemAsync(unknown, HttpStatusCode.NotFound, "lead.not_found");
    }
}
