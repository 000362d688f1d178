using System.Text;
using System.Text.Json;
using M3CoreCrm.WebTests.Browser;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Flows;

/// <summary>
/// Every page in both themes and both languages: axe-core finds no serious or critical violation, and a screenshot
/// of each is kept in TestResults/screenshots/web/ for people to look at.
/// </summary>
[Collection("web")]
public sealed class AccessibilityTests(WebAppFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Fact]
    public Task Every_page_in_both_themes_and_languages_has_no_serious_accessibility_violation() => StepsAsync(nameof(Every_page_in_both_themes_and_languages_has_no_serious_accessibility_violation), async () =>
    {
        var axe = AxeScriptPath();
        var app = await OpenAppAsync();
        var page = app.Page;
        var findings = new StringBuilder();

        await page.GotoAsync("/");
        await Assertions.Expect(app.SignInButton).ToBeVisibleAsync();
        await CheckAsync(page, axe, "sign-in-light-en", findings);

        await app.SignInAsDemoOwnerAsync();
        var pages = new List<(string Name, string Path)>();
        foreach (var item in CrmApp.NavigationItems)
        {
            var href = await app.NavLink(item).GetAttributeAsync("href") ?? throw new Xunit.Sdk.XunitException($"The {item} link has no href.");
            pages.Add((Slug(item), href));
        }

        // A record page too: the first lead of the demo data.
        await app.OpenAsync("Leads");
        var firstLead = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link).Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\w \w") }).First;
        pages.Add(("lead", await firstLead.GetAttributeAsync("href") ?? throw new Xunit.Sdk.XunitException("The first lead has no link.")));

        foreach (var language in new[] { "en", "ar" })
        {
            if (language == "ar")
            {
                await app.ChooseLanguageAsync("العربية");
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
            }

            foreach (var _ in new[] { 1, 2 })
            {
                var theme = await ThemeAsync(page);
                foreach (var (name, path) in pages)
                {
                    await page.GotoAsync(path);
                    await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 }).First).ToBeVisibleAsync();
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    await CheckAsync(page, axe, $"{name}-{theme}-{language}", findings);
                }

                await app.Button(language == "ar" ? "Toggle theme" : "Toggle theme").Or(page.Locator("[data-testid=theme-toggle]")).First.ClickAsync();
                await Poll.UntilAsync(() => ThemeAsync(page), t => t != theme, "the theme to change");
            }
        }

        Assert.True(findings.Length == 0, "Serious or critical accessibility violations:\n" + findings);
    });

    /// <summary>Screenshot, then axe-core on the page as it is; serious and critical violations are collected.</summary>
    private static async Task CheckAsync(IPage page, string axeScript, string name, StringBuilder findings)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = WebRoot.ScreenshotPath($"{name}.png"), FullPage = true });
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axeScript });
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

    /// <summary>"dark" or "light", from the luminance of the page's background as drawn.</summary>
    private static Task<string> ThemeAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const color = getComputedStyle(document.body).backgroundColor;
          const [r, g, b] = (color.match(/\d+(\.\d+)?/g) || ['255', '255', '255']).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.5 ? 'dark' : 'light';
        }
        """);

    private static string Slug(string navItem) =>
        new string(navItem.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Replace("---", "-", StringComparison.Ordinal);

    private static string AxeScriptPath()
    {
        var path = Path.Combine(WebRoot.RepositoryRoot, "src", "M3CoreCrm.Web", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(path), $"axe-core is not installed at {path}: it is a devDependency of the web app (npm ci in src/M3CoreCrm.Web).");
        return path;
    }
}
