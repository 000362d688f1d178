using System.Net;
using System.Net.Http.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Contacts.ContactsKit;

namespace M3CoreCrm.IntegrationTests.Contacts;

[Collection("api")]
public sealed class ContactCrudTests(ApiFixture fixture)
{
    [Fact]
    public async Task Create_returns_201_with_location_etag_and_the_normalized_record()
    {
        using var world = await fixture.NewTenantAsync();
        var company = await world.Owner.CreateCompanyAsync(new { name = "Palm Crest Developments", domain = "palmcrest.ae" });

        using var response = await world.Owner.PostAsJsonAsync("/api/v1/contacts", new
        {
            firstName = "  Aisha ",
            lastName = "Al Mansouri",
            emails = new object[]
            {
                new { address = "Aisha.AlMansouri@PalmCrest.ae", label = "work" },
                new { address = "aisha.m@example.com", label = "personal", isPrimary = true },
            },
            phones = new[] { new { number = "+971 50 123 4567", label = "mobile" } },
            companyId = company.Id(),
            address = new { line1 = "Villa 12", city = "Dubai", region = "Dubai", country = "ae" },
            tags = new[] { "VIP", " investor ", "vip" },
        });
        var contact = await ExpectAsync(response, HttpStatusCode.Created);

        var id = contact.Id();
        Assert.Equal($"/api/v1/contacts/{id}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(7, id.Version);
        Assert.Equal("Aisha", contact.Str("firstName"));
        Assert.Equal("Al Mansouri", contact.Str("lastName"));
        var emails = contact.GetProperty("emails").EnumerateArray().ToList();
        Assert.Equal("Aisha.AlMansouri@PalmCrest.ae", emails[0].Str("address"));
        Assert.Equal("work", emails[0].Str("label"));
        Assert.False(emails[0].GetProperty("isPrimary").GetBoolean());
        Assert.True(emails[1].GetProperty("isPrimary").GetBoolean());
        var phone = Assert.Single(contact.GetProperty("phones").EnumerateArray().ToList());
        Assert.Equal("+971501234567", phone.Str("number"));
        Assert.True(phone.GetProperty("isPrimary").GetBoolean());
        Assert.Equal(company.Id(), contact.GetProperty("companyId").GetGuid());
        Assert.Equal("AE", contact.GetProperty("address").Str("country"));
        Assert.Null(contact.GetProperty("address").Str("line2"));
        Assert.Equal(["vip", "investor"], contact.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal(world.Tenant.OwnerId, contact.GetProperty("ownerId").GetGuid());

        var (read, etag) = await world.Owner.GetWithETagAsync($"/api/v1/contacts/{id}");
        Assert.Equal(response.Headers.ETag!.ToString(), etag);
        Assert.Equal(contact.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task First_email_and_phone_become_primary_when_none_is_marked()
    {
        using var world = await fixture.NewTenantAsync();

        var contact = await world.Owner.CreateContactAsync(new
        {
            firstName = "Omar",
            emails = new[] { new { address = NewEmail() }, new { address = NewEmail() } },
            phones = new[] { new { number = NewMobile() }, new { number = NewMobile() } },
        });

        Assert.Equal([true, false], contact.GetProperty("emails").EnumerateArray().Select(e => e.GetProperty("isPrimary").GetBoolean()).ToArray());
        Assert.Equal([true, false], contact.GetProperty("phones").EnumerateArray().Select(e => e.GetProperty("isPrimary").GetBoolean()).ToArray());
        Assert.Null(contact.Str("lastName"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, contact.GetProperty("address").ValueKind);
    }

    [Fact]
    public async Task Merge_patch_changes_given_fields_clears_nulls_replaces_lists_and_merges_objects()
    {
        using var world = await fixture.NewTenantAsync();
        var email = NewEmail("layla");
        var contact = await world.Owner.CreateContactAsync(new
        {
            firstName = "Layla",
            lastName = "Haddad",
            emails = new[] { new { address = email } },
            phones = new[] { new { number = NewMobile() } },
            address = new { line1 = "Apartment 2304", city = "Dubai", country = "AE" },
            tags = new[] { "hot", "investor" },
        });
        var id = contact.Id();
        var (_, etag) = await world.Owner.GetWithETagAsync($"/api/v1/contacts/{id}");
        var newPhone = NewMobile();

        using var response = await world.Owner.PatchJsonAsync($"/api/v1/contacts/{id}",
            $$"""{"lastName": null, "phones": [{"number": "{{newPhone}}", "label": "work"}], "address": {"city": "Abu Dhabi", "line1": null}, "tags": ["cold"]}""", etag);
        var patched = await ExpectAsync(response, HttpStatusCode.OK);

        Assert.Equal("Layla", patched.Str("firstName"));
        Assert.Null(patched.Str("lastName"));
        Assert.Equal(email, patched.GetProperty("emails")[0].Str("address"));
        var phone = Assert.Single(patched.GetProperty("phones").EnumerateArray().ToList());
        Assert.Equal(newPhone, phone.Str("number"));
        Assert.Equal("work", phone.Str("label"));
        Assert.Equal("Abu Dhabi", patched.GetProperty("address").Str("city"));
        Assert.Null(patched.GetProperty("address").Str("line1"));
        Assert.Equal("AE", patched.GetProperty("address").Str("country"));
        Assert.Equal(["cold"], patched.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.NotEqual(etag, response.Headers.ETag?.ToString());
        Assert.True(patched.GetProperty("updatedAt").GetDateTimeOffset() > contact.GetProperty("updatedAt").GetDateTimeOffset());

        using var clear = await world.Owner.PatchJsonAsync($"/api/v1/contacts/{id}", """{"address": null, "emails": null, "tags": null}""");
        var cleared = await ExpectAsync(clear, HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("address").ValueKind);
        Assert.Empty(cleared.GetProperty("emails").EnumerateArray());
        Assert.Empty(cleared.GetProperty("tags").EnumerateArray());

        var read = await world.Owner.GetJsonAsync($"/api/v1/contacts/{id}");
        Assert.Equal(cleared.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task Patch_accepts_plain_json_and_an_empty_patch_changes_nothing()
    {
        using var world = await fixture.NewTenantAsync();
        var contact = await world.Owner.CreateSimpleContactAsync("Khalid");
        var (_, etag) = await world.Owner.GetWithETagAsync($"/api/v1/contacts/{contact.Id()}");

        using var empty = await world.Owner.PatchJsonAsync($"/api/v1/contacts/{contact.Id()}", "{}", etag);
        await ExpectAsync(empty, HttpStatusCode.OK);
        Assert.Equal(etag, empty.Headers.ETag?.ToString());

        using var plain = await world.Owner.PatchJsonAsync($"/api/v1/contacts/{contact.Id()}", """{"firstName": "Khaled"}""", etag, "application/json");
        Assert.Equal("Khaled", (await ExpectAsync(plain, HttpStatusCode.OK)).Str("firstName"));
    }

    [Fact]
    public async Task Stale_if_match_gives_412_and_writes_nothing()
    {
        using var world = await fixture.NewTenantAsync();
        var contact = await world.Owner.CreateSimpleContactAsync("Mariam");
        var uri = $"/api/v1/contacts/{contact.Id()}";
        var (_, first) = await world.Owner.GetWithETagAsync(uri);
        using (var change = await world.Owner.PatchJsonAsync(uri, """{"lastName": "Nasser"}""", first))
        {
            await ExpectAsync(change, HttpStatusCode.OK);
        }

        using var stalePatch = await world.Owner.PatchJsonAsync(uri, """{"lastName": "Stale"}""", first);
        await ExpectProblemAsync(stalePatch, HttpStatusCode.PreconditionFailed, "request.precondition_failed");
        using var staleDelete = await world.Owner.DeleteAsync(uri, first);
        await ExpectProblemAsync(staleDelete, HttpStatusCode.PreconditionFailed, "request.precondition_failed");
        using var weak = await world.Owner.PatchJsonAsync(uri, """{"lastName": "Weak"}""", "W/" + first);
        await ExpectProblemAsync(weak, HttpStatusCode.PreconditionFailed);
        using var garbage = await world.Owner.PatchJsonAsync(uri, """{"lastName": "Garbage"}""", "not-a-tag");
        await ExpectProblemAsync(garbage, HttpStatusCode.PreconditionFailed);

        var read = await world.Owner.GetJsonAsync(uri);
        Assert.Equal("Nasser", read.Str("lastName"));
        using var star = await world.Owner.PatchJsonAsync(uri, """{"lastName": "Star"}""", "*");
        await ExpectAsync(star, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_patches_with_the_same_if_match_let_one_win_and_give_412_to_the_others()
    {
        using var world = await fixture.NewTenantAsync();
        var contact = await world.Owner.CreateSimpleContactAsync("Saeed");
        var uri = $"/api/v1/contacts/{contact.Id()}";
        var (_, etag) = await world.Owner.GetWithETagAsync(uri);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => world.Owner.PatchJsonAsync(uri, $$"""{"lastName": "Writer{{i}}"}""", etag)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Delete_is_soft_and_restore_brings_the_contact_back()
    {
        using var world = await fixture.NewTenantAsync();
        var contact = await world.Owner.CreateSimpleContactAsync("Hamdan");
        var uri = $"/api/v1/contacts/{contact.Id()}";
        var (_, etag) = await world.Owner.GetWithETagAsync(uri);

        using (var delete = await world.Owner.DeleteAsync(uri, etag))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        await world.Owner.GetJsonAsync(uri, HttpStatusCode.NotFound);
        Assert.DoesNotContain(contact.Id(), (await world.Owner.GetJsonAsync("/api/v1/contacts")).ItemIds());
        using (var again = await world.Owner.DeleteAsync(uri, null))
        {
            await ExpectProblemAsync(again, HttpStatusCode.NotFound, "contact.not_found");
        }

        using (var patchDeleted = await world.Owner.PatchJsonAsync(uri, """{"lastName": "Ghost"}"""))
        {
            await ExpectProblemAsync(patchDeleted, HttpStatusCode.NotFound);
        }

        using var restore = await world.Owner.PostAsync(new Uri(uri + "/restore", UriKind.Relative), null);
        var restored = await ExpectAsync(restore, HttpStatusCode.OK);
        Assert.Equal(contact.Id(), restored.Id());
        Assert.NotNull(restore.Headers.ETag);
        await world.Owner.GetJsonAsync(uri);
        Assert.Contains(contact.Id(), (await world.Owner.GetJsonAsync("/api/v1/contacts")).ItemIds());

        using var restoreLive = await world.Owner.PostAsync(new Uri(uri + "/restore", UriKind.Relative), null);
        await ExpectAsync(restoreLive, HttpStatusCode.OK);
        using var restoreUnknown = await world.Owner.PostAsync(new Uri($"/api/v1/contacts/{Guid.CreateVersion7()}/restore", UriKind.Relative), null);
        await ExpectProblemAsync(restoreUnknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Changes_are_in_the_audit_log()
    {
        using var world = await fixture.NewTenantAsync();
        var contact = await world.Owner.CreateSimpleContactAsync("Noura");
        var uri = $"/api/v1/contacts/{contact.Id()}";
        using (var patch = await world.Owner.PatchJsonAsync(uri, """{"lastName": "Al Shamsi"}"""))
        {
            await ExpectAsync(patch, HttpStatusCode.OK);
        }

        using (var delete = await world.Owner.DeleteAsync(uri, null))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var audit = await world.Owner.GetJsonAsync($"/api/v1/audit?entityType=contact&entityId={contact.Id()}&sort=occurredAt");
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.Str("action")).ToList();
        Assert.Equal(["created", "updated", "deleted"], actions);
        Assert.All(audit.GetProperty("items").EnumerateArray(), e => Assert.Equal(world.Tenant.OwnerId, e.GetProperty("actorId").GetGuid()));
    }

    [Fact]
    public async Task Unknown_ids_give_404_problems_on_every_route()
    {
        using var world = await fixture.NewTenantAsync();
        var id = Guid.CreateVersion7();
        var real = await world.Owner.CreateSimpleContactAsync("Real");

        using var get = await world.Owner.GetAsync(new Uri($"/api/v1/contacts/{id}", UriKind.Relative));
        await ExpectProblemAsync(get, HttpStatusCode.NotFound, "contact.not_found");
        using var patch = await world.Owner.PatchJsonAsync($"/api/v1/contacts/{id}", "{}");
        await ExpectProblemAsync(patch, HttpStatusCode.NotFound);
        using var delete = await world.Owner.DeleteAsync($"/api/v1/contacts/{id}", null);
        await ExpectProblemAsync(delete, HttpStatusCode.NotFound);
        using var merge = await world.Owner.PostJsonAsync($"/api/v1/contacts/{id}/merge", $$"""{"otherId": "{{real.Id()}}"}""");
        await ExpectProblemAsync(merge, HttpStatusCode.NotFound);
        using var notGuid = await world.Owner.GetAsync(new Uri("/api/v1/contacts/not-a-guid", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, notGuid.StatusCode);
    }
}
