using System.Net;
using System.Text;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Contacts.ContactsKit;

namespace M3CoreCrm.IntegrationTests.Contacts;

/// <summary>Bad input is a 4xx problem naming what is wrong, never a 500, and nothing is written.</summary>
[Collection("api")]
public sealed class ContactBadInputTests(ApiFixture fixture)
{
    public static TheoryData<string, string?> InvalidContacts => new()
    {
        { """{"lastName": "NoFirst"}""", "firstName" },
        { """{"firstName": "   "}""", "firstName" },
        { $$"""{"firstName": "{{new string('a', 10_000)}}"}""", "firstName" },
        { $$"""{"firstName": "A", "lastName": "{{new string('b', 101)}}"}""", "lastName" },
        { """{"firstName": "Tab\u0007Bell"}""", "firstName" },
        { """{"firstName": "A", "emails": [{"address": "not-an-email"}]}""", "emails[0].address" },
        { """{"firstName": "A", "emails": [{"address": "Name <a@b.com>"}]}""", "emails[0].address" },
        { """{"firstName": "A", "emails": [{"address": "a@localhost"}]}""", "emails[0].address" },
        { """{"firstName": "A", "emails": [{"address": ""}]}""", "emails[0].address" },
        { """{"firstName": "A", "emails": [null]}""", "emails[0]" },
        { """{"firstName": "A", "emails": [{"address": "a@b.com"}, {"address": "A@B.com"}]}""", "emails" },
        { """{"firstName": "A", "emails": [{"address": "a@b.com", "isPrimary": true}, {"address": "c@d.com", "isPrimary": true}]}""", "emails" },
        { """{"firstName": "A", "phones": [{"number": "0501234567"}]}""", "phones[0].number" },
        { """{"firstName": "A", "phones": [{"number": "+971 12"}]}""", "phones[0].number" },
        { """{"firstName": "A", "phones": [{"number": "+1-800-FLOWERS"}]}""", "phones[0].number" },
        { """{"firstName": "A", "phones": [{"number": "+971501234567"}, {"number": "+971 50 123 4567"}]}""", "phones" },
        { """{"firstName": "A", "address": {"country": "XX"}}""", "address.country" },
        { """{"firstName": "A", "address": {"country": "United Arab Emirates"}}""", "address.country" },
        { $$$"""{"firstName": "A", "address": {"line1": "{{{new string('l', 201)}}}"}}""", "address.line1" },
        { """{"firstName": "A", "tags": ["has,comma"]}""", "tags[0]" },
        { """{"firstName": "A", "tags": [""]}""", "tags[0]" },
        { $$"""{"firstName": "A", "tags": [{{string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"t{i}\""))}}]}""", "tags" },
        { "{\"firstName\": \"A\", \"emails\": [" + string.Join(',', Enumerable.Range(0, 21).Select(i => $"{{\"address\": \"p{i}@example.com\"}}")) + "]}", "emails" },
        { """{"firstName": "A", "ownerId": "00000000-0000-0000-0000-000000000000"}""", "ownerId" },
        { """{"firstName": "A", "companyId": "019a0000-0000-7000-8000-000000000000"}""", "companyId" },
    };

    [Theory]
    [MemberData(nameof(InvalidContacts))]
    public async Task Invalid_contacts_are_400_with_the_field_named_and_nothing_is_written(string body, string? field)
    {
        using var world = await fixture.NewTenantAsync();

        using var response = await world.Owner.PostJsonAsync("/api/v1/contacts", body);

        var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field!, out _), problem.GetRawText());
        Assert.Empty((await world.Owner.GetJsonAsync("/api/v1/contacts")).ItemIds());
    }

    [Theory]
    [InlineData("""{"firstName": 123}""")]
    [InlineData("""{"firstName": "A", "emails": "a@b.com"}""")]
    [InlineData("""{"firstName": "A", "emails": [{"address": "a@b.com", "label": "pager"}]}""")]
    [InlineData("""{"firstName": "A", "phones": [{"number": "+971501234567", "label": 2}]}""")]
    [InlineData("""{"firstName": "A", "companyId": "nope"}""")]
    [InlineData("""{"firstName": "A", "nickname": "unknown member"}""")]
    [InlineData("""{"firstName": "A", "createdAt": "2020-01-01T00:00:00Z"}""")]
    [InlineData("""{"firstName": "A", "tags": "vip"}""")]
    [InlineData("""{"firstName": "A",""")]
    [InlineData("""null""")]
    [InlineData("""[]""")]
    [InlineData("")]
    public async Task Malformed_or_mistyped_json_is_400(string body)
    {
        using var world = await fixture.NewTenantAsync();

        using var response = await world.Owner.PostJsonAsync("/api/v1/contacts", body);

        await ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty((await world.Owner.GetJsonAsync("/api/v1/contacts")).ItemIds());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using var world = await fixture.NewTenantAsync();

        using var response = await world.Owner.PostAsync(new Uri("/api/v1/contacts", UriKind.Relative), new StringContent("firstName=A", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await ExpectProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("""[{"firstName": "B"}]""", "request.invalid_patch")]
    [InlineData("""{"firstName": null}""", "validation.failed")]
    [InlineData("""{"firstName": 7}""", "request.invalid_patch")]
    [InlineData("""{"id": "019a0000-0000-7000-8000-000000000000"}""", "request.invalid_patch")]
    [InlineData("""{"emails": [{"address": "bad"}]}""", "validation.failed")]
    [InlineData("""{"phones": [{"number": "+971 50 123"}]}""", "validation.failed")]
    [InlineData("""{"emails": [{"address": "a@b.com", "label": "carrier-pigeon"}]}""", "request.invalid_patch")]
    [InlineData("""{"address": {"country": "Dubai"}}""", "validation.failed")]
    [InlineData("""{"lastName": "x""", null)]
    public async Task Bad_patches_are_400_and_change_nothing(string patch, string? code)
    {
        using var world = await fixture.NewTenantAsync();
        var contact = await world.Owner.CreateSimpleContactAsync("Patchy", "McPatch");

        using var response = await world.Owner.PatchJsonAsync($"/api/v1/contacts/{contact.Id()}", patch);

        await ExpectProblemAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Equal(contact.GetRawText(), (await world.Owner.GetJsonAsync($"/api/v1/contacts/{contact.Id()}")).GetRawText());
    }

    [Fact]
    public async Task Query_flags_of_the_wrong_type_are_400()
    {
        using var world = await fixture.NewTenantAsync();

        using var response = await world.Owner.PostJsonAsync("/api/v1/contacts?allowDuplicate=perhaps", """{"firstName": "A"}""");

        await ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty((await world.Owner.GetJsonAsync("/api/v1/contacts")).ItemIds());
    }
}
