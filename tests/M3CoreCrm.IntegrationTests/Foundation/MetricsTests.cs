using System.Net;
using System.Text.RegularExpressions;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Foundation;

[Collection("api")]
public sealed partial class MetricsTests(ApiFixture fixture)
{
    [Fact]
    public async Task Metrics_are_exposed_in_Prometheus_text_format()
    {
        using var client = fixture.CreateClient();
        using var warmUp = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches(TypeLine(), text);
        Assert.Matches(SampleLine(), text);
    }

    [GeneratedRegex(@"^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? -?[0-9.eE+-]+( [0-9]+)?$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
