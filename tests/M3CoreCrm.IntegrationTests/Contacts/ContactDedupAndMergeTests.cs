using System.Net;
using System.Net.Http.Json;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Contacts.Contracts;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static M3CoreCrm.IntegrationTests.Contacts.ContactsKit;

namespace M3CoreCrm.IntegrationTests.Contacts;

[Collection("api")]
public sealed class ContactDedupAndMergeTests(ApiFixture fixture)
{
    [Fact]
    public async Task Creating_a_contact_with_a_known_email_or_phone_is_409_with_the_existing_id_unless_allowed()
    {
        using var world = await fixture.NewTenantAsync();
        var email = NewEmail("rashid");
        var phone = NewMobile();
        var existing = await world.Owner.CreateContactAsync(new { firstName = "Rashid", emails = new[] { new { address = email } }, phones = new[] { new { number = phone } } });

        using (var byEmail = await world.Owner.PostAsJsonAsync("/api/v1/contacts", new { firstName = "Rashid 2", emails = new[] { new { address = "  " + email.ToUpperInvariant() } } }))
        {
            var problem = await ExpectProblemAsync(byEmail, HttpStatusCode.Conflict, "contact.duplicate");
            Assert.Equal(existing.Id(), problem.GetProperty("existingId").GetGuid());
        }

        var formatted = $"{phone[..4]} {phone[4..6]} {phone[6..9]} {phone[9..]}";
        using (var byPhone = await world.Owner.PostAsJsonAsync("/api/v1/contacts", new { firstName = "Rashid 3", phones = new[] { new { number = formatted } } }))
        {
            var problem = await ExpectProblemAsync(byPhone, HttpStatusCode.Conflict, "contact.duplicate");
            Assert.Equal(existing.Id(), problem.GetProperty("existingId").GetGuid());
        }

        Assert.Single((await world.Owner.GetJsonAsync("/api/v1/contacts")).ItemIds());

        var allowed = await world.Owner.CreateContactAsync(new { firstName = "Rashid 4", emails = new[] { new { address = email } } }, "?allowDuplicate=true");
        Assert.NotEqual(existing.Id(), allowed.Id());
        Assert.Equal(2, (await world.Owner.GetJsonAsync("/api/v1/contacts")).ItemIds().Count);
    }

    [Fact]
    public async Task Deleted_contacts_do_not_count_as_duplicates_and_patch_checks_only_new_values()
    {
        using var world = await fixture.NewTenantAsync();
        var email = NewEmail();
        var first = await world.Owner.CreateContactAsync(new { firstName = "Yousef", emails = new[] { new { address = email } } });
        using (var delete = await world.Owner.DeleteAsync($"/api/v1/contacts/{first.Id()}", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var second = await world.Owner.CreateContactAsync(new { firstName = "Yousef", emails = new[] { new { address = email } } });
        var other = await world.Owner.CreateSimpleContactAsync("Hessa");

        using (var keep = await world.Owner.PatchJsonAsync($"/api/v1/contacts/{second.Id()}", """{"lastName": "Rahman"}"""))
        {
            await ExpectAsync(keep, HttpStatusCode.OK);
        }

        using (var steal = await world.Owner.PatchJsonAsync($"/api/v1/contacts/{other.Id()}", $$"""{"emails": [{"address": "{{email}}"}]}"""))
        {
            var problem = await ExpectProblemAsync(steal, HttpStatusCode.Conflict, "contact.duplicate");
            Assert.Equal(second.Id(), problem.GetProperty("existingId").GetGuid());
        }

        using var allowed = await world.Owner.PatchJsonAsync($"/api/v1/contacts/{other.Id()}?allowDuplicate=true", $$"""{"emails": [{"address": "{{email}}"}]}""");
        await ExpectAsync(allowed, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_creates_of_the_same_email_create_one_contact()
    {
        using var world = await fixture.NewTenantAsync();
        var email = NewEmail("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            world.Owner.PostAsJsonAsync("/api/v1/contacts", new { firstName = $"Racer{i}", emails = new[] { new { address = email } } })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Single((await world.Owner.GetJsonAsync("/api/v1/contacts?q=" + Uri.EscapeDataString(email))).ItemIds());
    }

    [Fact]
    public async Task Merge_moves_emails_phones_and_tags_fills_empty_fields_deletes_the_other_and_publishes_the_event()
    {
        var recorder = new MergeRecorder();
        await using var factory = fixture.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IIntegrationEventSubscriber<ContactsMerged>>(recorder)));
        using var owner = factory.CreateClient();
        var tenant = await fixture.CreateAsync();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", (await fixture.LoginOwnerAsync(tenant)).AccessToken);
        var company = await owner.CreateCompanyAsync(new { name = "Najm Capital Partners" });
        var sharedEmail = NewEmail("shared");
        var survivorPhone = NewMobile();
        var survivor = await owner.CreateContactAsync(new
        {
            firstName = "Ayesha",
            emails = new[] { new { address = sharedEmail } },
            phones = new[] { new { number = survivorPhone } },
            tags = new[] { "vip", "investor" },
        });
        var otherEmail = NewEmail("other");
        var otherPhone = NewMobile();
        var other = await owner.CreateContactAsync(new
        {
            firstName = "Ayesha K.",
            lastName = "Khan",
            emails = new[] { new { address = otherEmail, isPrimary = true }, new { address = sharedEmail.ToUpperInvariant(), isPrimary = false } },
            phones = new[] { new { number = otherPhone } },
            companyId = company.Id(),
            address = new { city = "Dubai", country = "AE" },
            tags = new[] { "investor", "golden-visa" },
        }, "?allowDuplicate=true");
        var (_, etag) = await owner.GetWithETagAsync($"/api/v1/contacts/{survivor.Id()}");

        using var response = await owner.PostJsonAsync($"/api/v1/contacts/{survivor.Id()}/merge", $$"""{"otherId": "{{other.Id()}}"}""", etag);
        var merged = await ExpectAsync(response, HttpStatusCode.OK);

        Assert.Equal("Ayesha", merged.Str("firstName"));
        Assert.Equal("Khan", merged.Str("lastName"));
        Assert.Equal([sharedEmail, otherEmail], merged.GetProperty("emails").EnumerateArray().Select(e => e.Str("address")!).ToArray());
        Assert.Equal([true, false], merged.GetProperty("emails").EnumerateArray().Select(e => e.GetProperty("isPrimary").GetBoolean()).ToArray());
        Assert.Equal([survivorPhone, otherPhone], merged.GetProperty("phones").EnumerateArray().Select(e => e.Str("number")!).ToArray());
        Assert.Equal(company.Id(), merged.GetProperty("companyId").GetGuid());
        Assert.Equal("Dubai", merged.GetProperty("address").Str("city"));
        Assert.Equal(["vip", "investor", "golden-visa"], merged.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.NotEqual(etag, response.Headers.ETag?.ToString());

        await owner.GetJsonAsync($"/api/v1/contacts/{other.Id()}", System.Net.HttpStatusCode.NotFound);
        Assert.Equal([survivor.Id()], (await owner.GetJsonAsync("/api/v1/contacts")).ItemIds());
        Assert.Equal([survivor.Id()], (await owner.GetJsonAsync("/api/v1/contacts?q=" + Uri.EscapeDataString(otherEmail))).ItemIds());
        Assert.Contains(recorder.Events, e => e == new ContactsMerged(survivor.Id(), other.Id()));

        var audit = await owner.GetJsonAsync($"/api/v1/audit?entityType=contact&entityId={survivor.Id()}&action=merged");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(other.Id(), entry.GetProperty("changes").GetProperty("mergedContactId").GetGuid());
        var deleted = await owner.GetJsonAsync($"/api/v1/audit?entityType=contact&entityId={other.Id()}&action=deleted");
        Assert.Single(deleted.GetProperty("items").EnumerateArray());

        // The merged contact can be restored, without what moved away.
        using var restore = await owner.PostAsync(new Uri($"/api/v1/contacts/{other.Id()}/restore", UriKind.Relative), null);
        var restored = await ExpectAsync(restore, HttpStatusCode.OK);
        Assert.Empty(restored.GetProperty("emails").EnumerateArray());
        Assert.Equal("Khan", restored.Str("lastName"));
    }

    [Fact]
    public async Task Merge_refuses_itself_unknown_deleted_and_stale_and_leaves_both_contacts_as_they_were()
    {
        using var world = await fixture.NewTenantAsync();
        var a = await world.Owner.CreateSimpleContactAsync("Tariq");
        var b = await world.Owner.CreateSimpleContactAsync("Rania");
        var gone = await world.Owner.CreateSimpleContactAsync("Gone");
        using (var delete = await world.Owner.DeleteAsync($"/api/v1/contacts/{gone.Id()}", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var uri = $"/api/v1/contacts/{a.Id()}/merge";
        using (var self = await world.Owner.PostJsonAsync(uri, $$"""{"otherId": "{{a.Id()}}"}"""))
        {
            await ExpectProblemAsync(self, HttpStatusCode.BadRequest, "contact.merge_self");
        }

        using (var unknown = await world.Owner.PostJsonAsync(uri, $$"""{"otherId": "{{Guid.CreateVersion7()}}"}"""))
        {
            await ExpectProblemAsync(unknown, HttpStatusCode.NotFound, "contact.not_found");
        }

        using (var deleted = await world.Owner.PostJsonAsync(uri, $$"""{"otherId": "{{gone.Id()}}"}"""))
        {
            await ExpectProblemAsync(deleted, HttpStatusCode.NotFound, "contact.not_found");
        }

        using (var empty = await world.Owner.PostJsonAsync(uri, """{"otherId": "00000000-0000-0000-0000-000000000000"}"""))
        {
            await ExpectProblemAsync(empty, HttpStatusCode.BadRequest, "validation.failed");
        }

        using (var noBody = await world.Owner.PostJsonAsync(uri, "{}"))
        {
            await ExpectProblemAsync(noBody, HttpStatusCode.BadRequest);
        }

        using (var stale = await world.Owner.PostJsonAsync(uri, $$"""{"otherId": "{{b.Id()}}"}""", "\"12345\""))
        {
            await ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        }

        Assert.Equal(a.GetRawText(), (await world.Owner.GetJsonAsync($"/api/v1/contacts/{a.Id()}")).GetRawText());
        Assert.Equal(b.GetRawText(), (await world.Owner.GetJsonAsync($"/api/v1/contacts/{b.Id()}")).GetRawText());
    }

    [Fact]
    public async Task A_failing_subscriber_rolls_the_whole_merge_back()
    {
        await using var factory = fixture.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IIntegrationEventSubscriber<ContactsMerged>, FailingSubscriber>()));
        using var owner = factory.CreateClient();
        var tenant = await fixture.CreateAsync();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", (await fixture.LoginOwnerAsync(tenant)).AccessToken);
        var a = await owner.CreateSimpleContactAsync("Imran");
        var b = await owner.CreateSimpleContactAsync("Zara", "Malik");

        using var response = await owner.PostJsonAsync($"/api/v1/contacts/{a.Id()}/merge", $$"""{"otherId": "{{b.Id()}}"}""");

        await ExpectProblemAsync(response, HttpStatusCode.InternalServerError, "server.error");
        Assert.Equal(a.GetRawText(), (await owner.GetJsonAsync($"/api/v1/contacts/{a.Id()}")).GetRawText());
        Assert.Equal(b.GetRawText(), (await owner.GetJsonAsync($"/api/v1/contacts/{b.Id()}")).GetRawText());
        var audit = await owner.GetJsonAsync($"/api/v1/audit?entityType=contact&entityId={a.Id()}&action=merged");
        Assert.Empty(audit.GetProperty("items").EnumerateArray());
    }

    private sealed class FailingSubscriber : IIntegrationEventSubscriber<ContactsMerged>
    {
        public Task HandleAsync(ContactsMerged integrationEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Activities could not move their targets.");
    }

    private sealed class MergeRecorder : IIntegrationEventSubscriber<ContactsMerged>
    {
        public List<ContactsMerged> Events { get; } = [];

        public Task HandleAsync(ContactsMerged integrationEvent, CancellationToken cancellationToken)
        {
            lock (Events)
            {
                Events.Add(integrationEvent);
            }

            return Task.CompletedTask;
        }
    }
}
