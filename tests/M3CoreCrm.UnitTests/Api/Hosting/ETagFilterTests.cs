using M3CoreCrm.Api.Hosting.OpenApi;
using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace M3CoreCrm.UnitTests.Api.Hosting;

/// <summary>
/// The filter on bare routes: the CRM's routes that honour If-Match list 412 themselves as well, so only here is the
/// 412 the filter's own (the integration tests check the CRM's document).
/// </summary>
public sealed class ETagFilterTests
{
    [Fact]
    public async Task A_marked_route_that_lists_no_412_gets_If_Match_a_412_problem_and_the_ETag_header()
    {
        var operation = await OperationAsync(app => app.MapPost("/things/{id}/close", (Guid id) => TypedResults.Ok(id)).HonoursIfMatch().ReturnsETag());

        var ifMatch = Assert.Single(operation.Parameters ?? [], p => p.Name == ETagFilter.IfMatchHeader);
        Assert.Equal(ParameterLocation.Header, ifMatch.In);
        Assert.False(ifMatch.Required);
        var problem = operation.Responses!["412"].Content!["application/problem+json"].Schema;
        Assert.Equal("ProblemDetails", Assert.IsType<OpenApiSchemaReference>(problem).Reference.Id);
        Assert.True(operation.Responses["200"].Headers?.ContainsKey(ETagFilter.ETagHeader));
    }

    [Fact]
    public async Task An_unmarked_route_gets_neither()
    {
        var operation = await OperationAsync(app => app.MapPost("/things/{id}/close", (Guid id) => TypedResults.Ok(id)));

        Assert.DoesNotContain(operation.Parameters ?? [], p => p.Name == ETagFilter.IfMatchHeader);
        Assert.False(operation.Responses!.ContainsKey("412"));
        Assert.NotEqual(true, operation.Responses["200"].Headers?.ContainsKey(ETagFilter.ETagHeader));
    }

    private static async Task<OpenApiOperation> OperationAsync(Action<WebApplication> map) =>
        (await BareSwaggerDocument.BuildAsync(map, o => o.OperationFilter<ETagFilter>())).Paths["/things/{id}/close"].Operations![HttpMethod.Post];
}
