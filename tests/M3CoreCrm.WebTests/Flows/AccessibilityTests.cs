using System.Text;
using System.Text.Json;
using M3CoreCrm.WebTests.Browser;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Flows;

/// <summary>
/// Every page in both themes and both languages: axe-core finds no serious or critical violation, and a screenshot
/// of each is kept in TestResults/screenshots/web/ for people to look at. The theme follows the browser's colour
/// scheme (nobody chose one), so both are reached without the toggle, whose name is translated.
/// </summary>
[Collection("web")]
public sealed class AccessibilityTests(WebAppFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];
    private static readonly (ColorScheme Scheme, string Name)[] Themes = [(ColorScheme.Light, "light"), (ColorScheme.Dark, "dark")];
    private static readonly (string Locale, string Name)[] Languages = [("en-US", "en"), ("ar-AE", "ar")];

    [Fact]
    public Task The_sign_in_page_in_both_themes_and_languages_has_no_serious_accessibility_violation() => StepsAsync(nameof(The_sign_in_page_in_both_themes_and_languages_has_no_serious_accessibility_violation), async () =>
    {
        var findings = new StringBuilder();
        foreach (var (locale, language) in Languages)
        {
            foreach (var (scheme, theme) in Themes)
            {
                var app = await OpenAppAsync(locale: locale, colorScheme: scheme, bypassCsp: true);
                await app.Page.GotoAsync("/");
                await Assertions.Expect(app.Page.Locator("input[type=password]")).ToBeVisibleAsync();
                await Assertions.Expect(app.Page.Locator("html")).ToHaveAttributeAsync("dir", language == "ar" ? "rtl" : "ltr");
                await CheckAsync(app.Page, $"sign-in-{theme}-{language}", findings);
            }
        }

        Assert.True(findings.Length == 0, "Serious or critical accessibility violations:\n" + findings);
    });

    [Fact]
    public Task Every_page_in_both_themes_and_languages_has_no_serious_accessibility_violation() => StepsAsync(nameof(Every_page_in_both_themes_and_languages_has_no_serious_accessibility_violation), async () =>
    {
        var app = await OpenAppAsync(bypassCsp: true);
        var page = app.Page;
        var findings = new StringBuilder();
        await app.SignInAsDemoOwnerAsync();

        var pages = new List<(string Name, string Path)>();
        foreach (var item in CrmApp.NavigationItems)
        {
            var href = await app.NavLink(item).GetAttributeAsync("href") ?? throw new Xunit.Sdk.XunitException($"The {item} link has no href.");
            pages.Add((Slug(item), href));
        }

        // A record page too: the first lead of the demo data.
        await app.OpenAsync("Leads");
        var firstLead = page.GetByRole(AriaRole.Main).Locator("a[href^='/leads/']").First;
        pages.Add(("lead", await firstLead.GetAttributeAsync("href") ?? throw new Xunit.Sdk.XunitException("The first lead has no link.")));

        foreach (var (_, language) in Languages)
        {
            if (language == "ar")
            {
                await app.ChooseLanguageAsync("العربية");
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
            }

            foreach (var (scheme, theme) in Themes)
            {
                await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
                foreach (var (name, path) in pages)
                {
                    await page.GotoAsync(path);
                    await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
                    await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    await CheckAsync(page, $"{name}-{theme}-{language}", findings);
                }
            }
        }

        Assert.True(findings.Length == 0, "Serious or critical accessibility violations:\n" + findings);
    });

    [Fact]
    public Task The_create_and_convert_dialogs_have_no_serious_accessibility_violation() => StepsAsync(nameof(The_create_and_convert_dialogs_have_no_serious_accessibility_violation), async () =>
    {
        var tenant = await NewTenantAsync();
        var leadId = await CreateLeadThroughApiAsync(tenant, "Axe", "Checked", $"axe.{Guid.NewGuid():N}@example.test");
        var app = await OpenAppAsync(bypassCsp: true);
        var page = app.Page;
        var findings = new StringBuilder();
        await app.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);

        async Task CheckDialogAsync(string name)
        {
            await Assertions.Expect(app.Dialog).ToBeVisibleAsync();
            await CheckAsync(page, name, findings);
            await page.Keyboard.PressAsync("Escape"); // an open list of a picker closes first, then the dialog
            if (await app.Dialog.IsVisibleAsync())
            {
                await page.Keyboard.PressAsync("Escape");
            }

            await Assertions.Expect(app.Dialog).ToBeHiddenAsync();
        }

        await app.OpenAsync("Leads");
        await app.Button("New lead").First.ClickAsync();
        await CheckDialogAsync("dialog-new-lead");
        await app.Button("Import CSV").ClickAsync();
        await CheckDialogAsync("dialog-import");

        await app.OpenAsync("Contacts & Companies");
        await app.Button("New contact").ClickAsync();
        await app.Dialog.GetByRole(AriaRole.Combobox, new LocatorGetByRoleOptions { Name = "Company", Exact = true }).ClickAsync();
        await CheckDialogAsync("dialog-new-contact");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Companies", Exact = true }).ClickAsync();
        await app.Button("New company").ClickAsync();
        await CheckDialogAsync("dialog-new-company");

        await app.OpenLeadAsync(leadId, "Axe Checked");
        await app.Button("Convert").ClickAsync();
        await app.Dialog.GetByRole(AriaRole.Radio, new LocatorGetByRoleOptions { Name = "Existing contact", Exact = true }).CheckAsync();
        await CheckDialogAsync("dialog-convert");

        Assert.True(findings.Length == 0, "Serious or critical accessibility violations:\n" + findings);
    });

    /// <summary>Screenshot, then axe-core on the page as it is; serious and critical violations are collected.</summary>
    private static async Task CheckAsync(IPage page, string name, StringBuilder findings)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = WebRoot.ScreenshotPath($"{name}.png"), FullPage = true });
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScriptPath() });
        }

        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await window.axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\n').slice(1, 2).join(''))
              }));
            }
            """);
        foreach (var violation in violations.EnumerateArray().Where(v => BlockingImpacts.Contains(v.GetProperty("impact").GetString())))
        {
            findings.AppendLine($"{name}: {violation.GetProperty("impact").GetString()} {violation.GetProperty("id").GetString()} ({violation.GetProperty("help").GetString()})");
            foreach (var node in violation.GetProperty("nodes").EnumerateArray())
            {
                findings.AppendLine($"    {node.GetString()}");
            }
        }
    }

    private static string Slug(string navItem) =>
        string.Join('-', navItem.ToLowerInvariant().Split([' ', '&'], StringSplitOptions.RemoveEmptyEntries));

    private static string AxeScriptPath()
    {
        var path = Path.Combine(WebRoot.RepositoryRoot, "src", "M3CoreCrm.Web", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(path), $"axe-core is not installed at {path}: it is a devDependency of the web app (npm ci in src/M3CoreCrm.Web).");
        return path;
    }
}
