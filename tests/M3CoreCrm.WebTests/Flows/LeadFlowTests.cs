using System.Text.RegularExpressions;
using M3CoreCrm.WebTests.Browser;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Flows;

/// <summary>A lead's life in the app: created, refused as a duplicate, edited by two people at once, converted.</summary>
[Collection("web")]
public sealed class LeadFlowTests(WebAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task A_new_lead_is_saved_and_shown() => StepsAsync(nameof(A_new_lead_is_saved_and_shown), async () =>
    {
        var tenant = await NewTenantAsync();
        var app = await OpenAppAsync();
        await app.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);
        var email = $"layla.{Guid.NewGuid():N}@example.test";

        var created = await app.CreateLeadAsync("Layla", "Haddad", email, "+971501234567");

        Assert.Equal(201, created.Status);
        await Assertions.Expect(app.Page.GetByText("Layla Haddad").First).ToBeVisibleAsync();
        await app.OpenAsync("Leads");
        await Assertions.Expect(app.Page.GetByText("Layla Haddad").First).ToBeVisibleAsync();
    });

    [Fact]
    public Task A_second_lead_with_the_same_email_is_answered_as_a_duplicate() => StepsAsync(nameof(A_second_lead_with_the_same_email_is_answered_as_a_duplicate), async () =>
    {
        var tenant = await NewTenantAsync();
        var email = $"karim.{Guid.NewGuid():N}@example.test";
        await CreateLeadThroughApiAsync(tenant, "Karim", "Nasser", email);
        var app = await OpenAppAsync();
        await app.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);

        var answer = await app.CreateLeadAsync("Karim", "Nasser", email);

        Assert.Equal(409, answer.Status);
        var message = app.Page.GetByRole(AriaRole.Alert).Or(app.Dialog).First;
        await Assertions.Expect(message).ToBeVisibleAsync();
        await Assertions.Expect(message).ToContainTextAsync(new Regex("duplicate|already", RegexOptions.IgnoreCase));
    });

    [Fact]
    public Task An_edit_conflict_between_two_people_offers_reload_and_overwrite() => StepsAsync(nameof(An_edit_conflict_between_two_people_offers_reload_and_overwrite), async () =>
    {
        var tenant = await NewTenantAsync();
        var leadId = await CreateLeadThroughApiAsync(tenant, "Sara", "Khalil", $"sara.{Guid.NewGuid():N}@example.test");
        var first = await OpenAppAsync();
        var second = await OpenAppAsync();
        foreach (var app in new[] { first, second })
        {
            await app.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);
            await app.OpenLeadAsync(leadId, "Sara Khalil");
        }

        // The first saves; the second, still holding the old version, saves too and is told (412).
        await SaveLastNameAsync(first, "Khalil-First", expectedStatus: 200);
        var conflict = await SaveLastNameAsync(second, "Khalil-Second", expectedStatus: 412);
        await Assertions.Expect(second.Dialog).ToBeVisibleAsync();

        // Reload: the second person now sees what the first saved, and nothing was overwritten.
        await second.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Reload", Exact = true }).ClickAsync();
        await Assertions.Expect(second.Dialog).ToBeHiddenAsync();
        await Assertions.Expect(second.Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToContainTextAsync("Sara Khalil-First");
        Assert.Equal("Khalil-First", (await GetLeadThroughApiAsync(tenant, leadId)).GetProperty("lastName").GetString());

        // The field shows the reloaded value too, not the dropped draft, and editing it again starts from that value.
        await Assertions.Expect(LastNameButton(second, "Khalil-First")).ToBeVisibleAsync();
        await LastNameButton(second, "Khalil-First").ClickAsync();
        await Assertions.Expect(second.Field("Last name")).ToHaveValueAsync("Khalil-First");

        // Another round; this time the second person overwrites the first one's change.
        await first.Page.ReloadAsync();
        await Assertions.Expect(first.Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToContainTextAsync("Sara Khalil-First");
        await SaveLastNameAsync(first, "Khalil-Third", expectedStatus: 200);
        await SaveLastNameAsync(second, "Khalil-Fourth", expectedStatus: 412);
        var overwrite = await second.Page.RunAndWaitForResponseAsync(
            () => second.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Overwrite", Exact = true }).ClickAsync(),
            r => r.Request.Method == "PATCH" && r.Url.Contains($"/api/v1/leads/{leadId}", StringComparison.Ordinal));
        Assert.Equal(200, overwrite.Status);
        await Assertions.Expect(second.Dialog).ToBeHiddenAsync();
        await Assertions.Expect(LastNameButton(second, "Khalil-Fourth")).ToBeVisibleAsync();
        Assert.Equal("Khalil-Fourth", (await GetLeadThroughApiAsync(tenant, leadId)).GetProperty("lastName").GetString());
        Assert.NotNull(conflict);
    });

    [Fact]
    public Task Converting_a_lead_marks_it_converted_and_links_a_contact() => StepsAsync(nameof(Converting_a_lead_marks_it_converted_and_links_a_contact), async () =>
    {
        var tenant = await NewTenantAsync();
        var leadId = await CreateLeadThroughApiAsync(tenant, "Omar", "Saleh", $"omar.{Guid.NewGuid():N}@example.test");
        var app = await OpenAppAsync();
        await app.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);
        await app.OpenLeadAsync(leadId, "Omar Saleh");

        await app.Button("Convert").ClickAsync();
        await Assertions.Expect(app.Dialog).ToBeVisibleAsync();
        var converted = await app.Page.RunAndWaitForResponseAsync(
            () => app.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Convert", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains($"/api/v1/leads/{leadId}/convert", StringComparison.Ordinal));

        Assert.Equal(200, converted.Status);
        var lead = await GetLeadThroughApiAsync(tenant, leadId);
        Assert.Equal("converted", lead.GetProperty("status").GetString());
        await Assertions.Expect(app.Page.GetByText(new Regex("converted", RegexOptions.IgnoreCase)).First).ToBeVisibleAsync();
    });

    /// <summary>
    /// The last name is edited in place: its button ("Khalil, Edit Last name"), the field, Enter. Returns the API's
    /// answer to the PATCH (a JSON merge patch with the page's ETag in If-Match).
    /// </summary>
    private static async Task<IResponse> SaveLastNameAsync(CrmApp app, string lastName, int expectedStatus)
    {
        var field = app.Field("Last name");
        if (!await field.IsVisibleAsync())
        {
            await app.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new Regex(", Edit Last name$") }).ClickAsync();
        }


        await field.FillAsync(lastName);
        var response = await app.Page.RunAndWaitForResponseAsync(
            () => field.PressAsync("Enter"),
            r => r.Request.Method == "PATCH" && r.Url.Contains("/api/v1/leads/", StringComparison.Ordinal));
        Assert.Equal(expectedStatus, response.Status);
        return response;
    }

    private static ILocator LastNameButton(CrmApp app, string lastName) =>
        app.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new Regex("^" + Regex.Escape(lastName) + @"\s*, Edit Last name$") });
}
