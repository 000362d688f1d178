using System.Text.RegularExpressions;
using M3CoreCrm.WebTests.Browser;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Flows;

/// <summary>
/// The flows of the other tests, driven by the keyboard only (Tab, Enter, Space, arrows, typing): no click anywhere
/// except by the "other person" of the edit conflict.
/// </summary>
[Collection("web")]
public sealed class KeyboardFlowTests(WebAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task Theme_toggle_and_Arabic_with_the_keyboard_only() => StepsAsync(nameof(Theme_toggle_and_Arabic_with_the_keyboard_only), async () =>
    {
        var app = await OpenAppAsync();
        var keyboard = new KeyboardDriver(app);
        await keyboard.SignInAsync(WebAppFixture.DemoWorkspace, WebAppFixture.DemoOwnerEmail, WebAppFixture.DemoOwnerPassword);
        var before = await app.ThemeMarkerAsync();

        await keyboard.TabToAsync(app.Button("Toggle theme"));
        Assert.True(await keyboard.FocusIsVisibleAsync(), "The focused theme toggle shows no focus ring.");
        await keyboard.Keys.PressAsync("Space");
        await Poll.UntilAsync(app.ThemeMarkerAsync, m => m != before, "the theme to change");

        await keyboard.TabToAsync(app.Button("Language"));
        await keyboard.Keys.PressAsync("Enter");
        var arabic = app.Page.GetByRole(AriaRole.Menuitemradio, new PageGetByRoleOptions { Name = "العربية", Exact = true });
        await keyboard.PressUntilFocusedAsync("ArrowDown", arabic);
        await keyboard.Keys.PressAsync("Enter");
        await Assertions.Expect(app.Page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "اللغة", Exact = true })).ToBeFocusedAsync();
    });

    [Fact]
    public Task New_company_and_new_contact_with_the_keyboard_only() => StepsAsync(nameof(New_company_and_new_contact_with_the_keyboard_only), async () =>
    {
        var tenant = await NewTenantAsync();
        var app = await OpenAppAsync();
        var keyboard = new KeyboardDriver(app);
        await keyboard.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);
        var suffix = Guid.NewGuid().ToString("N")[..6];

        await keyboard.OpenAsync("Contacts & Companies");
        await keyboard.TabToAsync(app.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Companies", Exact = true }));
        await keyboard.Keys.PressAsync("Enter");
        await keyboard.TabToAsync(app.Button("New company"));
        await keyboard.Keys.PressAsync("Enter");
        await keyboard.FillAsync(app.Field("Name"), "Keys Holdings " + suffix);
        await keyboard.TabToAsync(app.Button("Save"));
        var company = await app.Page.RunAndWaitForResponseAsync(
            () => keyboard.Keys.PressAsync("Enter"),
            r => r.Request.Method == "POST" && CrmApp.IsApi(r.Url, "/api/v1/companies"));
        Assert.Equal(201, company.Status);

        await keyboard.OpenAsync("Contacts & Companies");
        await keyboard.TabToAsync(app.Button("New contact"));
        await keyboard.Keys.PressAsync("Enter");
        await keyboard.FillAsync(app.Field("First name"), "Rana" + suffix);
        await keyboard.FillAsync(app.Field("Phone"), "+97150" + Random.Shared.Next(1000000, 9999999));
        var picker = app.Dialog.GetByRole(AriaRole.Combobox, new LocatorGetByRoleOptions { Name = "Company", Exact = true });
        await keyboard.FillAsync(picker, "Keys Holdings " + suffix);
        await Assertions.Expect(app.Dialog.GetByRole(AriaRole.Option, new LocatorGetByRoleOptions { NameRegex = new Regex("^Keys Holdings " + suffix) })).ToBeVisibleAsync();
        await keyboard.Keys.PressAsync("ArrowDown");
        await keyboard.Keys.PressAsync("Enter");
        await Assertions.Expect(picker).ToHaveValueAsync("Keys Holdings " + suffix);
        await keyboard.TabToAsync(app.Button("Save"));
        var contact = await app.Page.RunAndWaitForResponseAsync(
            () => keyboard.Keys.PressAsync("Enter"),
            r => r.Request.Method == "POST" && CrmApp.IsApi(r.Url, "/api/v1/contacts"));
        Assert.Equal(201, contact.Status);
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToContainTextAsync("Rana" + suffix);
    });

    [Fact]
    public Task Duplicate_answer_edit_conflict_and_conversion_with_the_keyboard_only() => StepsAsync(nameof(Duplicate_answer_edit_conflict_and_conversion_with_the_keyboard_only), async () =>
    {
        var tenant = await NewTenantAsync();
        var email = $"samir.{Guid.NewGuid():N}@example.test";
        var leadId = await CreateLeadThroughApiAsync(tenant, "Samir", "Haddad", email);
        var app = await OpenAppAsync();
        var keyboard = new KeyboardDriver(app);
        await keyboard.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);

        // The duplicate answer: "Create anyway" from the keyboard.
        await keyboard.OpenAsync("Leads");
        await keyboard.TabToAsync(app.Button("New lead").First);
        await keyboard.Keys.PressAsync("Enter");
        await keyboard.FillAsync(app.Field("First name"), "Samir");
        await keyboard.FillAsync(app.Field("Email"), email);
        await keyboard.TabToAsync(app.Button("Save"));
        var duplicate = await app.Page.RunAndWaitForResponseAsync(
            () => keyboard.Keys.PressAsync("Enter"),
            r => r.Request.Method == "POST" && CrmApp.IsApi(r.Url, "/api/v1/leads"));
        Assert.Equal(409, duplicate.Status);
        await keyboard.TabToAsync(app.Button("Create anyway"));
        var anyway = await app.Page.RunAndWaitForResponseAsync(
            () => keyboard.Keys.PressAsync("Enter"),
            r => r.Request.Method == "POST" && CrmApp.IsApi(r.Url, "/api/v1/leads"));
        Assert.Equal(201, anyway.Status);

        // The edit conflict: another person saves first (with a mouse); this one answers the 412 with the keyboard.
        await app.OpenLeadAsync(leadId, "Samir Haddad");
        var other = await OpenAppAsync();
        await other.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);
        await other.OpenLeadAsync(leadId, "Samir Haddad");
        await other.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new Regex(", Edit Last name$") }).ClickAsync();
        await other.Field("Last name").FillAsync("Haddad-Other");
        await other.Page.RunAndWaitForResponseAsync(() => other.Field("Last name").PressAsync("Enter"), r => r.Request.Method == "PATCH");

        await keyboard.TabToAsync(app.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new Regex(", Edit Last name$") }));
        await keyboard.Keys.PressAsync("Enter");
        await Assertions.Expect(app.Field("Last name")).ToBeFocusedAsync();
        await keyboard.Keys.PressAsync("ControlOrMeta+A");
        await keyboard.Keys.TypeAsync("Haddad-Mine");
        var conflict = await app.Page.RunAndWaitForResponseAsync(() => keyboard.Keys.PressAsync("Enter"), r => r.Request.Method == "PATCH");
        Assert.Equal(412, conflict.Status);
        await Assertions.Expect(app.Dialog).ToBeVisibleAsync();
        await keyboard.TabToAsync(app.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Reload", Exact = true }));
        await keyboard.Keys.PressAsync("Enter");
        await Assertions.Expect(app.Dialog).ToBeHiddenAsync();
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToContainTextAsync("Samir Haddad-Other");

        // The conversion.
        await keyboard.TabToAsync(app.Button("Convert"));
        await keyboard.Keys.PressAsync("Enter");
        await Assertions.Expect(app.Dialog).ToBeVisibleAsync();
        await keyboard.TabToAsync(app.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Convert", Exact = true }));
        var converted = await app.Page.RunAndWaitForResponseAsync(
            () => keyboard.Keys.PressAsync("Enter"),
            r => r.Request.Method == "POST" && r.Url.Contains($"/api/v1/leads/{leadId}/convert", StringComparison.Ordinal));
        Assert.Equal(200, converted.Status);
    });

    [Fact]
    public Task Csv_import_and_sign_out_everywhere_with_the_keyboard_only() => StepsAsync(nameof(Csv_import_and_sign_out_everywhere_with_the_keyboard_only), async () =>
    {
        var tenant = await NewTenantAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(Path.GetTempPath(), $"keys-{suffix}.csv");
        await File.WriteAllTextAsync(file, $"firstName,lastName,email\nNadia,Keys{suffix},nadia.{suffix}@example.test\n");
        try
        {
            var app = await OpenAppAsync();
            var keyboard = new KeyboardDriver(app);
            await keyboard.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);
            await keyboard.OpenAsync("Leads");

            await keyboard.TabToAsync(app.Button("Import CSV"));
            await keyboard.Keys.PressAsync("Enter");
            await keyboard.TabToAsync(app.Dialog.GetByLabel("CSV file"));
            var chooser = await app.Page.RunAndWaitForFileChooserAsync(() => keyboard.Keys.PressAsync("Space"));
            await chooser.SetFilesAsync(file);
            await keyboard.TabToAsync(app.Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Import", Exact = true }));
            var import = await app.Page.RunAndWaitForResponseAsync(
                () => keyboard.Keys.PressAsync("Enter"),
                r => r.Request.Method == "POST" && r.Url.Contains("/api/v1/leads/import", StringComparison.Ordinal));
            Assert.Equal(200, import.Status);
            await Assertions.Expect(app.Page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Import report" })).ToContainTextAsync("1 created");
            await keyboard.Keys.PressAsync("Escape");
            await Assertions.Expect(app.Dialog).ToBeHiddenAsync();

            await keyboard.TabToAsync(app.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new Regex("Account menu$") }));
            await keyboard.Keys.PressAsync("Enter");
            await keyboard.TabToAsync(app.Button("Sign out everywhere"));
            await keyboard.Keys.PressAsync("Enter");
            await Assertions.Expect(app.SignInButton).ToBeVisibleAsync();
        }
        finally
        {
            File.Delete(file);
        }
    });
}
