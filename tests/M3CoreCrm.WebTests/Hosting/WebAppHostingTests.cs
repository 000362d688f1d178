using System.Net;
using System.Net.Http.Headers;
using M3CoreCrm.WebTests.Browser;

namespace M3CoreCrm.WebTests.Hosting;

/// <summary>
/// How the host serves a built web app, on a web root of known files (so these hold whatever the app contains):
/// client routes get index.html (revalidated), hashed assets are immutable and compressed, and the server's own
/// paths never fall back to the app.
/// </summary>
[Collection("web")]
public sealed class WebAppHostingTests(WebAppFixture fixture) : IDisposable
{
    private const string IndexHtml = "<!doctype html><html><head><title>M3CoreCRM</title></head><body><div id=\"root\"></div></body></html>";
    private static readonly string Script = "export const app = '" + new string('x', 4096) + "';";

    private readonly string _webRoot = Directory.CreateTempSubdirectory("m3core-webroot-").FullName;

    [Theory]
    [InlineData("/")]
    [InlineData("/leads")]
    [InlineData("/leads/0b7c6c1e-2f3a-4c55-9f1e-5d1b8c2a7e10")]
    [InlineData("/settings/users")]
    public async Task A_client_route_gets_index_html_revalidated_on_every_load(string path)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal(IndexHtml, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Index_html_answers_304_to_its_etag()
    {
        using var client = CreateClient();
        using var first = await client.GetAsync("/leads");
        var etag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException("index.html came without an ETag.");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/deals");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task A_hashed_asset_is_cached_for_a_year_as_immutable_and_sent_compressed()
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/index-B7x2Qk9a.js");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < Script.Length / 4, $"{compressed.Length} compressed bytes for {Script.Length}.");
    }

    [Fact]
    public async Task An_unhashed_file_is_revalidated()
    {
        using var client = CreateClient();
        using var response = await client.GetAsync("/favicon.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/api/v1/no-such-resource")]
    [InlineData("/api/v2/leads")]
    [InlineData("/swagger/no-such-page")]
    [InlineData("/health/no-such-check")]
    [InlineData("/metrics/no-such-meter")]
    [InlineData("/assets/index-gone.js")]
    public async Task A_server_path_or_missing_file_answers_the_api_404_problem_not_the_app(string path)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_api_and_swagger_still_answer_beside_the_app()
    {
        using var client = CreateClient();
        using var health = await client.GetAsync("/health/live");
        using var swagger = await client.GetAsync("/swagger/v1/swagger.json");
        using var me = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
        Assert.Equal("application/json", swagger.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task A_host_without_a_built_app_serves_the_api_alone()
    {
        var emptyRoot = Directory.CreateTempSubdirectory("m3core-webroot-empty-").FullName;
        try
        {
            using var client = fixture.Api.CreateFactory(("webroot", emptyRoot)).CreateClient();
            using var root = await client.GetAsync("/leads");
            using var health = await client.GetAsync("/health/live");

            Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            Directory.Delete(emptyRoot, recursive: true);
        }
    }

    public void Dispose() => Directory.Delete(_webRoot, recursive: true);

    private HttpClient CreateClient()
    {
        Directory.CreateDirectory(Path.Combine(_webRoot, "assets"));
        File.WriteAllText(Path.Combine(_webRoot, "index.html"), IndexHtml);
        File.WriteAllText(Path.Combine(_webRoot, "favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        File.WriteAllText(Path.Combine(_webRoot, "assets", "index-B7x2Qk9a.js"), Script);
        var client = fixture.Api.CreateFactory(("webroot", _webRoot)).CreateClient();
        client.DefaultRequestHeaders.AcceptEncoding.Clear();
        return client;
    }
}
