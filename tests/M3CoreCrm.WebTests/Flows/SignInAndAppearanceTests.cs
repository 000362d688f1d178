using M3CoreCrm.WebTests.Browser;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Flows;

/// <summary>Signing in, the theme (kept across a reload) and Arabic (right to left, the navigation mirrored).</summary>
[Collection("web")]
public sealed class SignInAndAppearanceTests(WebAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task Signing_in_shows_the_navigation_and_the_dashboard() => StepsAsync(nameof(Signing_in_shows_the_navigation_and_the_dashboard), async () =>
    {
        var app = await OpenAppAsync();
        await app.SignInAsDemoOwnerAsync();

        foreach (var item in CrmApp.NavigationItems)
        {
            await Assertions.Expect(app.NavLink(item)).ToBeVisibleAsync();
        }

        await Assertions.Expect(app.SignInButton).ToHaveCountAsync(0);
    });

    [Fact]
    public Task A_wrong_password_keeps_the_person_on_the_sign_in_page_with_a_message() => StepsAsync(nameof(A_wrong_password_keeps_the_person_on_the_sign_in_page_with_a_message), async () =>
    {
        var app = await OpenAppAsync();
        await app.Page.GotoAsync("/");
        await app.Field("Workspace").FillAsync(WebAppFixture.DemoWorkspace);
        await app.Field("Email").FillAsync(WebAppFixture.DemoOwnerEmail);
        await app.Field("Password").FillAsync("not-the-password");
        await app.SignInButton.ClickAsync();

        await Assertions.Expect(app.Page.GetByRole(AriaRole.Alert).First).ToBeVisibleAsync();
        await Assertions.Expect(app.SignInButton).ToBeVisibleAsync();
        await Assertions.Expect(app.NavLink("Leads")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task The_theme_toggles_and_is_kept_across_a_reload() => StepsAsync(nameof(The_theme_toggles_and_is_kept_across_a_reload), async () =>
    {
        var app = await OpenAppAsync();
        await app.SignInAsDemoOwnerAsync();
        var before = await app.ThemeMarkerAsync();

        await app.Button("Toggle theme").ClickAsync();
        var toggled = await Poll.UntilAsync(app.ThemeMarkerAsync, m => m != before, "the theme to change");

        await app.Page.ReloadAsync();
        await Assertions.Expect(app.NavLink("Leads")).ToBeVisibleAsync();
        Assert.Equal(toggled, await Poll.UntilAsync(app.ThemeMarkerAsync, m => m == toggled, "the toggled theme after the reload"));

        await app.Button("Toggle theme").ClickAsync();
        await Poll.UntilAsync(app.ThemeMarkerAsync, m => m == before, "the first theme again");
    });

    [Fact]
    public Task Arabic_turns_the_page_right_to_left_and_mirrors_the_navigation() => StepsAsync(nameof(Arabic_turns_the_page_right_to_left_and_mirrors_the_navigation), async () =>
    {
        var app = await OpenAppAsync();
        await app.SignInAsDemoOwnerAsync();
        var html = app.Page.Locator("html");
        await Assertions.Expect(html).Not.ToHaveAttributeAsync("dir", "rtl");
        var leftToRight = await CenterXAsync(app.NavLink("Dashboard"));
        Assert.True(leftToRight < 640, $"In English the first navigation item sits on the left; its centre is at x={leftToRight}.");

        await app.ChooseLanguageAsync("العربية");

        await Assertions.Expect(html).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(html).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex("^ar"));
        var firstItem = app.Navigation.GetByRole(AriaRole.Link).First;
        var rightToLeft = await Poll.UntilAsync(() => CenterXAsync(firstItem), x => x > 640, "the navigation to move to the right");
        Assert.True(rightToLeft > 640);

        await app.Page.ReloadAsync(); // the choice is kept
        await Assertions.Expect(html).ToHaveAttributeAsync("dir", "rtl");

        await app.ChooseLanguageAsync("English");
        await Assertions.Expect(html).ToHaveAttributeAsync("dir", "ltr");
    });

    private static async Task<float> CenterXAsync(ILocator locator)
    {
        var box = await locator.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException("The element is not rendered.");
        return box.X + (box.Width / 2);
    }
}
