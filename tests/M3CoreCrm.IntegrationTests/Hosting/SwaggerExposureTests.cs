using System.Net;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Hosting;

/// <summary>Swagger UI and the document are served outside Development unless switched off, and keep no token there.</summary>
[Collection("api")]
public sealed class SwaggerExposureTests(ApiFixture fixture)
{
    private static readonly Uri UiScript = new("/swagger/index.js", UriKind.Relative);

    [Fact]
    public async Task Outside_development_swagger_ui_does_not_keep_the_token_across_reloads()
    {
        using var client = fixture.CreateClient();

        var script = await client.GetStringAsync(UiScript);

        Assert.Contains("\"persistAuthorization\":false", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_swagger_ui_keeps_the_token()
    {
        await using var factory = new CrmApiFactory(fixture.Database, fixture.SigningKey, fixture.PlatformApiKey, [("Database:MigrateOnStartup", "false")])
        {
            Environment = "Development",
        };
        using var client = factory.CreateClient();

        var script = await client.GetStringAsync(UiScript);

        Assert.Contains("\"persistAuthorization\":true", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/swagger/index.html")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task An_operator_can_switch_swagger_off(string path)
    {
        await using var factory = fixture.CreateFactory(("OpenApi:Enabled", "false"), ("Database:MigrateOnStartup", "false"));
        using var client = factory.CreateClient();
        using var enabled = fixture.CreateClient();

        using var off = await client.GetAsync(new Uri(path, UriKind.Relative));
        using var on = await enabled.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
    }
}
