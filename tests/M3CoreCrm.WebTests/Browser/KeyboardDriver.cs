using Microsoft.Playwright;

namespace M3CoreCrm.WebTests.Browser;

/// <summary>A person without a mouse: Tab (and Shift+Tab) to move, typing to fill, Enter, Space and arrows to act.</summary>
internal sealed class KeyboardDriver(CrmApp app)
{
    private const int MaxTabs = 150;

    internal IKeyboard Keys => app.Page.Keyboard;

    /// <summary>Presses Tab until the element has the focus, failing after MaxTabs with what has the focus instead.</summary>
    internal async Task TabToAsync(ILocator target)
    {
        await Assertions.Expect(target).ToBeVisibleAsync();
        for (var presses = 0; presses < MaxTabs; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await Keys.PressAsync("Tab");
        }

        throw new Xunit.Sdk.XunitException($"{MaxTabs} presses of Tab never reached {target}; the focus is on {await FocusedAsync()}.");
    }

    /// <summary>Presses the key until the element has the focus (a menu's items are reached with arrows, not Tab).</summary>
    internal async Task PressUntilFocusedAsync(string key, ILocator target, int max = 10)
    {
        await Assertions.Expect(target).ToBeVisibleAsync();
        for (var presses = 0; presses < max; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await Keys.PressAsync(key);
        }

        throw new Xunit.Sdk.XunitException($"{max} presses of {key} never reached {target}; the focus is on {await FocusedAsync()}.");
    }

    /// <summary>Tab to a field, select what it holds and type over it.</summary>
    internal async Task FillAsync(ILocator field, string text)
    {
        await TabToAsync(field);
        await Keys.PressAsync("ControlOrMeta+A");
        await Keys.TypeAsync(text);
    }

    /// <summary>Sign in on the sign-in page with the keyboard, then wait for the navigation.</summary>
    internal async Task SignInAsync(string workspace, string email, string password)
    {
        await app.Page.GotoAsync("/");
        await FillAsync(app.Field("Workspace"), workspace);
        await FillAsync(app.Field("Email"), email);
        await FillAsync(app.Field("Password"), password);
        await Keys.PressAsync("Enter");
        await Assertions.Expect(app.NavLink("Leads")).ToBeVisibleAsync();
    }

    /// <summary>A section through its navigation link, then the page's heading.</summary>
    internal async Task OpenAsync(string navItem)
    {
        await TabToAsync(app.NavLink(navItem));
        await Keys.PressAsync("Enter");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = navItem }).First).ToBeVisibleAsync();
    }

    /// <summary>The focused element (and that it shows a focus ring: an outline or a box shadow).</summary>
    internal Task<string> FocusedAsync() => app.Page.EvaluateAsync<string>("() => document.activeElement?.outerHTML?.slice(0, 200) ?? 'nothing'");

    internal Task<bool> FocusIsVisibleAsync() => app.Page.EvaluateAsync<bool>("""
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return false;
          const s = getComputedStyle(e);
          return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
        }
        """);
}
