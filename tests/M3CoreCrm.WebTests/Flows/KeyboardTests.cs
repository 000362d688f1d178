using System.Text.RegularExpressions;
using M3CoreCrm.WebTests.Browser;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Flows;

/// <summary>The main path without a mouse: Tab to move, typing to fill, Enter to act.</summary>
[Collection("web")]
public sealed class KeyboardTests(WebAppFixture fixture) : BrowserTest(fixture)
{
    private const int MaxTabs = 150;

    [Fact]
    public Task Sign_in_create_a_lead_and_open_it_with_the_keyboard_only() => StepsAsync(nameof(Sign_in_create_a_lead_and_open_it_with_the_keyboard_only), async () =>
    {
        var tenant = await NewTenantAsync();
        var app = await OpenAppAsync();
        var keyboard = app.Page.Keyboard;
        await app.Page.GotoAsync("/");
        await Assertions.Expect(app.SignInButton).ToBeVisibleAsync();

        await TabToAsync(app, app.Field("Workspace"));
        await keyboard.TypeAsync(tenant.Slug);
        await TabToAsync(app, app.Field("Email"));
        await keyboard.TypeAsync(tenant.OwnerEmail);
        await TabToAsync(app, app.Field("Password"));
        await keyboard.TypeAsync(tenant.OwnerPassword);
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(app.NavLink("Leads")).ToBeVisibleAsync();

        await TabToAsync(app, app.NavLink("Leads"));
        await keyboard.PressAsync("Enter");
        await TabToAsync(app, app.Button("New lead").First); // the empty list offers one too
        await keyboard.PressAsync("Enter");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await TabToAsync(app, app.Field("First name"));
        await keyboard.TypeAsync("Huda");
        await TabToAsync(app, app.Field("Last name"));
        await keyboard.TypeAsync("Keys" + suffix);
        await TabToAsync(app, app.Field("Email"));
        await keyboard.TypeAsync($"huda.{suffix}@example.test");
        await TabToAsync(app, app.Button("Save"));
        var created = await app.Page.RunAndWaitForResponseAsync(
            () => keyboard.PressAsync("Enter"),
            r => r.Request.Method == "POST" && CrmApp.IsApi(r.Url, "/api/v1/leads"));
        Assert.Equal(201, created.Status);

        await TabToAsync(app, app.NavLink("Leads"));
        await keyboard.PressAsync("Enter");
        var leadLink = app.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { NameRegex = new Regex("Huda Keys" + suffix) });
        await Assertions.Expect(leadLink).ToBeVisibleAsync();
        await TabToAsync(app, leadLink);
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { NameRegex = new Regex("Huda Keys" + suffix) }).First).ToBeVisibleAsync();
    });

    /// <summary>Presses Tab until the element has the focus (and it shows a visible focus), failing after MaxTabs.</summary>
    private static async Task TabToAsync(CrmApp app, ILocator target)
    {
        await Assertions.Expect(target).ToBeVisibleAsync();
        for (var presses = 0; presses < MaxTabs; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await app.Page.Keyboard.PressAsync("Tab");
        }

        var focused = await app.Page.EvaluateAsync<string>("() => document.activeElement?.outerHTML?.slice(0, 200) ?? 'nothing'");
        throw new Xunit.Sdk.XunitException($"{MaxTabs} presses of Tab never reached {target}; the focus is on {focused}.");
    }
}
