using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Browser;

/// <summary>
/// The web app as a person sees it: found by roles and accessible names (the names src/M3CoreCrm.Web/README.md
/// lists), never by CSS classes, so a test breaks when a person could no longer do the same.
/// </summary>
internal sealed class CrmApp(IPage page)
{
    internal static readonly string[] NavigationItems =
        ["Dashboard", "Leads", "Contacts & Companies", "Deals", "Activities & Tasks", "Inventory", "Settings"];

    internal IPage Page => page;

    internal ILocator Navigation => page.GetByRole(AriaRole.Navigation).First;

    internal ILocator NavLink(string name) => Navigation.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = name, Exact = true });

    internal ILocator Button(string name) => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true });

    internal ILocator Field(string label) => page.GetByLabel(label, new PageGetByLabelOptions { Exact = true });

    internal ILocator Dialog => page.GetByRole(AriaRole.Dialog).Or(page.GetByRole(AriaRole.Alertdialog)).First;

    internal ILocator SignInButton => Button("Sign in");

    internal async Task SignInAsync(string workspace, string email, string password)
    {
        await page.GotoAsync("/");
        await Field("Workspace").FillAsync(workspace);
        await Field("Email").FillAsync(email);
        await Field("Password").FillAsync(password);
        await SignInButton.ClickAsync();
        await Assertions.Expect(NavLink("Leads")).ToBeVisibleAsync();
    }

    internal Task SignInAsDemoOwnerAsync() =>
        SignInAsync(WebAppFixture.DemoWorkspace, WebAppFixture.DemoOwnerEmail, WebAppFixture.DemoOwnerPassword);

    /// <summary>A nav link, then the page's main heading of the same name (the page has rendered).</summary>
    internal async Task OpenAsync(string navItem)
    {
        await NavLink(navItem).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = navItem }).First).ToBeVisibleAsync();
    }

    /// <summary>"New lead", the form's fields, "Save"; waits for the API's answer to the POST and returns it.</summary>
    internal async Task<IResponse> CreateLeadAsync(string firstName, string lastName, string email, string? phone = null)
    {
        await OpenAsync("Leads");
        await Button("New lead").First.ClickAsync(); // an empty list offers a second one
        await Field("First name").FillAsync(firstName);
        await Field("Last name").FillAsync(lastName);
        await Field("Email").FillAsync(email);
        if (phone is not null)
        {
            await Field("Phone").FillAsync(phone);
        }

        return await page.RunAndWaitForResponseAsync(
            () => Button("Save").ClickAsync(),
            r => r.Request.Method == "POST" && IsApi(r.Url, "/api/v1/leads"));
    }

    /// <summary>The lead page of a lead the API created: its address is the app's own route.</summary>
    internal async Task OpenLeadAsync(Guid leadId, string displayedName)
    {
        await page.GotoAsync($"/leads/{leadId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = displayedName }).First).ToBeVisibleAsync();
    }

    /// <summary>The html element's attributes that carry the look: theme class or data attribute, color-scheme.</summary>
    internal Task<string> ThemeMarkerAsync() => page.EvaluateAsync<string>("""
        () => {
          const html = document.documentElement;
          const attributes = [...html.attributes].filter(a => a.name !== 'lang' && a.name !== 'dir').map(a => `${a.name}=${a.value}`);
          return attributes.sort().join(';') + '|' + getComputedStyle(document.body).backgroundColor;
        }
        """);

    /// <summary>The language menu (its name is translated: "Language" or "اللغة"), then the language by its own name.</summary>
    internal async Task ChooseLanguageAsync(string language)
    {
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new Regex("^(Language|اللغة)$") }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitemradio, new PageGetByRoleOptions { Name = language, Exact = true })
            .Or(page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = language, Exact = true })).First.ClickAsync();
    }

    internal Task SignOutAsync() => ClickAccountActionAsync("Sign out");

    internal Task SignOutEverywhereAsync() => ClickAccountActionAsync("Sign out everywhere");

    /// <summary>The account's actions sit in the account menu (the button with the user's name).</summary>
    private async Task ClickAccountActionAsync(string name)
    {
        var action = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true })
            .Or(page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = name, Exact = true })).First;
        if (!await action.IsVisibleAsync())
        {
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Account menu" }).ClickAsync();
        }

        await action.ClickAsync();
    }

    internal static bool IsApi(string url, string path)
    {
        var absolutePath = new Uri(url).AbsolutePath;
        return absolutePath == path || Regex.IsMatch(absolutePath, "^" + Regex.Escape(path) + "(\\?|$)");
    }
}
