using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Foundation;

/// <summary>/metrics lives on the management port (Metrics:Port), optionally behind a bearer token, never on the public one.</summary>
[Collection("api")]
public sealed partial class MetricsTests(ApiFixture fixture)
{
    private static readonly Uri Metrics = new("/metrics", UriKind.Relative);

    [Fact]
    public async Task Metrics_are_exposed_in_Prometheus_text_format_on_the_management_port()
    {
        using var client = fixture.CreateClient();
        using var warmUp = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var management = fixture.Factory.CreateMetricsClient();

        using var response = await management.GetAsync(Metrics);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches(TypeLine(), text);
        Assert.Matches(SampleLine(), text);
    }

    [Fact]
    public async Task The_public_port_does_not_serve_metrics()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(Metrics);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_management_port_serves_nothing_but_metrics()
    {
        using var management = fixture.Factory.CreateMetricsClient();

        using var health = await management.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var swagger = await management.GetAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, swagger.StatusCode);
    }

    [Fact]
    public async Task With_a_token_a_scrape_must_present_it()
    {
        var token = CrmApiFactory.RandomSecret(40);
        await using var factory = fixture.CreateFactory(("Metrics:Token", token), ("Database:MigrateOnStartup", "false"));
        using var management = factory.CreateMetricsClient();

        using var without = await management.GetAsync(Metrics);
        using var wrong = await SendAsync(management, CrmApiFactory.RandomSecret(40));
        using var right = await SendAsync(management, token);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("Bearer", without.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Matches(TypeLine(), await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_empty_port_turns_metrics_off()
    {
        await using var factory = fixture.CreateFactory(("Metrics:Port", ""), ("Database:MigrateOnStartup", "false"));

        Assert.Throws<InvalidOperationException>(factory.CreateMetricsClient);
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(Metrics);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Metrics);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [GeneratedRegex(@"^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? -?[0-9.eE+-]+( [0-9]+)?$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
