using System.Net;
using System.Text.RegularExpressions;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.OpenApi;

/// <summary>The reading-friendly reference (/reference) answers, loads the served document and its scripts from this host, under the CSP.</summary>
[Collection("api")]
public sealed partial class ApiReferenceTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_reference_page_loads_the_document_and_scripts_from_this_host_with_a_nonce_the_policy_allows()
    {
        using var client = fixture.CreateClient();

        using var page = await client.GetAsync(new Uri("/reference/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swagger/v1/swagger.json", html, StringComparison.Ordinal);
        var sources = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.DoesNotContain("//", source, StringComparison.Ordinal)); // no CDN: relative to this host
        foreach (var source in sources)
        {
            using var script = await client.GetAsync(new Uri(new Uri("http://localhost/reference/"), source));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }

        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Nonce().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(nonce), "The page's inline script carries no nonce.");
        Assert.Contains($"script-src 'self' 'nonce-{nonce}';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline'; img", policy.Split("style-src")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reference_document_is_served_to_the_page()
    {
        using var client = fixture.CreateClient();

        using var document = await client.GetAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("\"openapi\"", await document.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_who_switches_the_document_off_switches_the_reference_off()
    {
        await using var factory = fixture.CreateFactory(("OpenApi:Enabled", "false"), ("Database:MigrateOnStartup", "false"));
        using var client = factory.CreateClient();

        using var page = await client.GetAsync(new Uri("/reference/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex Nonce();
}
