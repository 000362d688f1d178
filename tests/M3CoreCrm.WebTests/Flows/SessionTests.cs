using M3CoreCrm.WebTests.Browser;
using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Flows;

/// <summary>Sessions: an expired access token is refreshed once for many concurrent calls; signing out everywhere ends other sessions.</summary>
[Collection("web")]
public sealed class SessionTests(WebAppFixture fixture) : BrowserTest(fixture)
{
    private static readonly TimeSpan ShortLifetime = TimeSpan.FromSeconds(8);

    [Fact]
    public Task After_the_access_token_expires_the_next_action_works_with_exactly_one_refresh() => StepsAsync(nameof(After_the_access_token_expires_the_next_action_works_with_exactly_one_refresh), async () =>
    {
        var shortLivedHost = Fixture.StartKestrelHost(("Jwt:AccessTokenLifetime", ShortLifetime.ToString("c")), ("Jwt:ClockSkew", "00:00:00"));
        var tenant = await NewTenantAsync();
        var app = await OpenAppAsync(shortLivedHost);
        // The app renews its token on a timer ahead of expiry; the page's clock is paused below (as in a sleeping
        // laptop or a throttled background tab) so the token really expires and the calls meet a 401.
        await app.Page.Clock.InstallAsync();

        var login = await app.Page.RunAndWaitForResponseAsync(
            () => app.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword),
            r => r.Request.Method == "POST" && CrmApp.IsApi(r.Url, "/api/v1/auth/login"));
        var tokens = await login.JsonAsync() ?? throw new Xunit.Sdk.XunitException("The login answered no JSON.");
        var expiresIn = TimeSpan.FromSeconds(tokens.GetProperty("expiresIn").GetInt32());
        Assert.True(expiresIn <= ShortLifetime,
            $"The host issued a {expiresIn} access token: it does not honour Jwt:AccessTokenLifetime={ShortLifetime:c}, so expiry cannot be tested.");
        // Away from the dashboard, so coming back refetches its figures: several calls at once.
        await app.OpenAsync("Settings");
        await app.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var pageNow = await app.Page.EvaluateAsync<long>("() => Date.now()");
        await app.Page.Clock.PauseAtAsync(DateTimeOffset.FromUnixTimeMilliseconds(pageNow + 100).UtcDateTime);

        var refreshes = new List<IRequest>();
        var rejected = new List<IResponse>();
        app.Page.Request += (_, request) =>
        {
            if (CrmApp.IsApi(request.Url, "/api/v1/auth/refresh"))
            {
                lock (refreshes) { refreshes.Add(request); }
            }
        };
        app.Page.Response += (_, response) =>
        {
            if (response.Status == 401 && new Uri(response.Url).AbsolutePath.StartsWith("/api/v1/", StringComparison.Ordinal) && !response.Url.Contains("/auth/", StringComparison.Ordinal))
            {
                lock (rejected) { rejected.Add(response); }
            }
        };

        // The one fixed wait of the suite: time itself must pass for the token to expire.
        await Task.Delay(expiresIn + TimeSpan.FromSeconds(1.5));

        await app.OpenAsync("Dashboard");
        await app.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(app.SignInButton).ToHaveCountAsync(0);

        var refresh = Assert.Single(refreshes);
        Assert.Equal(200, (await refresh.ResponseAsync())?.Status);
        Assert.True(rejected.Count >= 2, $"{rejected.Count} calls met the expired token: the refresh was not shared by concurrent calls.");
    });

    [Fact]
    public Task Signing_out_everywhere_signs_out_the_other_browser_on_its_next_call() => StepsAsync(nameof(Signing_out_everywhere_signs_out_the_other_browser_on_its_next_call), async () =>
    {
        var tenant = await NewTenantAsync();
        var here = await OpenAppAsync();
        var elsewhere = await OpenAppAsync();
        await here.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);
        await elsewhere.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);
        await elsewhere.OpenAsync("Leads");

        var logout = await here.Page.RunAndWaitForResponseAsync(
            () => here.SignOutEverywhereAsync(),
            r => r.Request.Method == "POST" && CrmApp.IsApi(r.Url, "/api/v1/auth/logout-all"));
        Assert.True(logout.Ok, $"logout-all answered {logout.Status}");
        await Assertions.Expect(here.SignInButton).ToBeVisibleAsync();

        // Its next calls are refused: an instance may answer from its few-second cache of live sessions first, so the
        // other browser keeps moving between pages (each move calls the API) until it is sent to the sign-in page.
        await Poll.UntilAsync(
            async () =>
            {
                foreach (var item in new[] { "Dashboard", "Leads" })
                {
                    var link = elsewhere.NavLink(item);
                    if (await link.IsVisibleAsync())
                    {
                        await link.ClickAsync();
                        await elsewhere.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    }
                }

                return await elsewhere.SignInButton.IsVisibleAsync();
            },
            signedOut => signedOut,
            "the other browser to be signed out");
        await Assertions.Expect(elsewhere.NavLink("Leads")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Signing_out_returns_to_the_sign_in_page_and_a_reload_stays_there() => StepsAsync(nameof(Signing_out_returns_to_the_sign_in_page_and_a_reload_stays_there), async () =>
    {
        var tenant = await NewTenantAsync();
        var app = await OpenAppAsync();
        await app.SignInAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);

        await app.SignOutAsync();
        await Assertions.Expect(app.SignInButton).ToBeVisibleAsync();
        await app.Page.ReloadAsync();
        await Assertions.Expect(app.SignInButton).ToBeVisibleAsync();
        await Assertions.Expect(app.NavLink("Leads")).ToHaveCountAsync(0);
    });
}
