using System.Text.RegularExpressions;
using M3CoreCrm.WebTests.Browser;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Flows;

/// <summary>Contacts and companies created from their lists, and a second contact with the same email answered as a duplicate.</summary>
[Collection("web")]
public sealed class ContactFlowTests(WebAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task A_new_company_and_a_new_contact_at_it_are_saved_and_a_duplicate_contact_is_offered_both_ways() => StepsAsync(nameof(A_new_company_and_a_new_contact_at_it_are_saved_and_a_duplicate_contact_is_offered_both_ways), async () =>
    {
        var tenant = await NewTenantAsync();
        var app = await OpenAppAsync();
        await app.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);
        var suffix = Guid.NewGuid().ToString("N")[..6];

        await app.OpenAsync("Contacts & Companies");
        await app.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Companies", Exact = true }).ClickAsync();
        await app.Button("New company").ClickAsync();
        await app.Field("Name").FillAsync("Marina Developers " + suffix);
        await app.Field("Domain").FillAsync($"marina{suffix}.example");
        var company = await app.Page.RunAndWaitForResponseAsync(
            () => app.Button("Save").ClickAsync(),
            r => r.Request.Method == "POST" && CrmApp.IsApi(r.Url, "/api/v1/companies"));
        Assert.Equal(201, company.Status);
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToContainTextAsync("Marina Developers " + suffix);

        var email = $"huda.{suffix}@example.test";
        var first = await CreateContactAsync(app, "Huda", email, companySearch: "Marina Developers " + suffix);
        Assert.Equal(201, first.Status);
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToContainTextAsync("Huda");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Marina Developers " + suffix })).ToBeVisibleAsync();

        var duplicate = await CreateContactAsync(app, "Huda", email);
        Assert.Equal(409, duplicate.Status);
        var offer = app.Dialog.GetByRole(AriaRole.Alert);
        await Assertions.Expect(offer.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Open the existing", Exact = true })).ToBeVisibleAsync();
        var anyway = await app.Page.RunAndWaitForResponseAsync(
            () => offer.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Create anyway", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && CrmApp.IsApi(r.Url, "/api/v1/contacts"));
        Assert.Equal(201, anyway.Status);
        await Assertions.Expect(app.Dialog).ToBeHiddenAsync();
    });

    /// <summary>Contacts list, "New contact", the fields (a company picked by searching), "Save"; returns the POST's answer.</summary>
    private static async Task<IResponse> CreateContactAsync(CrmApp app, string firstName, string email, string? companySearch = null)
    {
        await app.OpenAsync("Contacts & Companies");
        await app.Button("New contact").ClickAsync();
        await app.Field("First name").FillAsync(firstName);
        await app.Field("Email").FillAsync(email);
        if (companySearch is not null)
        {
            await app.Dialog.GetByRole(AriaRole.Combobox, new LocatorGetByRoleOptions { Name = "Company", Exact = true }).FillAsync(companySearch);
            await app.Dialog.GetByRole(AriaRole.Option, new LocatorGetByRoleOptions { NameRegex = new Regex("^" + Regex.Escape(companySearch)) }).ClickAsync();
        }

        return await app.Page.RunAndWaitForResponseAsync(
            () => app.Button("Save").ClickAsync(),
            r => r.Request.Method == "POST" && CrmApp.IsApi(r.Url, "/api/v1/contacts"));
    }
}
