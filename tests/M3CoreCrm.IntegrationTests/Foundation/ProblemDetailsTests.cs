using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Foundation;

[Collection("api")]
public sealed class ProblemDetailsTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("/nope")]
    [InlineData("/api/v1/nope")]
    public async Task Unknown_route_is_a_404_problem(string path)
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = await ReadProblemAsync(response);
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("route.not_found", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(path, problem.RootElement.GetProperty("instance").GetString());
    }

    [Theory]
    [InlineData("/api/v1/auth/login")]
    [InlineData("/api/v1/leads")]
    [InlineData("/nope")]
    public async Task Oversized_body_is_a_413_problem(string path)
    {
        using var client = fixture.CreateClient();
        using var body = new ByteArrayContent(new byte[(1024 * 1024) + 1]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var problem = await ReadProblemAsync(response);
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("request.body_too_large", problem.RootElement.GetProperty("code").GetString());
    }

    /// <summary>Checks the media type and the fields every problem of the API carries.</summary>
    private static async Task<JsonDocument> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        foreach (var field in new[] { "type", "title", "status", "instance", "traceId", "code" })
        {
            Assert.True(problem.RootElement.TryGetProperty(field, out var value), $"The problem has no '{field}'.");
            Assert.NotEqual(JsonValueKind.Null, value.ValueKind);
        }

        Assert.StartsWith("urn:m3core:problem:", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        return problem;
    }
}
