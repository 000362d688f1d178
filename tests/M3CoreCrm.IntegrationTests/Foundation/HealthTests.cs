using System.Net;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Foundation;

[Collection("api")]
public sealed class HealthTests(ApiFixture fixture)
{
    [Fact]
    public async Task Live_answers_200()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_answers_200_with_postgresql_healthy()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("postgresql").GetString());
    }

    [Fact]
    public async Task Ready_answers_503_while_live_stays_200_when_postgresql_is_unreachable()
    {
        var closedPort = FreePort.Next(); // nothing listens there once the probe listener is closed
        await using var factory = fixture.CreateFactory(
            ("ConnectionStrings:Crm", $"Host=127.0.0.1;Port={closedPort};Database=none;Username=none;Password=none;Timeout=2"),
            ("Database:MigrateOnStartup", "false"),
            ("Serilog:MinimumLevel:Default", "Fatal")); // the failing check logs errors that are expected here
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("postgresql").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
