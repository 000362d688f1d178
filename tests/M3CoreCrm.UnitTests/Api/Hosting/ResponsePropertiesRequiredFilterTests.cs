using M3CoreCrm.Api.Hosting.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace M3CoreCrm.UnitTests.Api.Hosting;

/// <summary>Which schemas the filter marks: those only success bodies use, nested ones included.</summary>
public sealed class ResponsePropertiesRequiredFilterTests
{
    [Fact]
    public async Task A_schema_only_success_bodies_use_requires_all_its_properties_down_to_nested_and_listed_ones()
    {
        var schemas = await SchemasAsync(app => app.MapGet("/orders/{id}", (Guid id) => TypedResults.Ok(new Order(id, null, [], new Money(1m, "AED")))));

        Assert.Equal(["id", "lines", "note", "total"], schemas["Order"].Required?.Order(StringComparer.Ordinal));
        Assert.Equal(["amount", "currency"], schemas["Money"].Required?.Order(StringComparer.Ordinal));
        Assert.Equal(["sku"], schemas["OrderLine"].Required);
    }

    [Fact]
    public async Task A_schema_a_request_also_uses_keeps_its_own_required_list()
    {
        var schemas = await SchemasAsync(app =>
        {
            app.MapGet("/orders/{id}", (Guid id) => TypedResults.Ok(new Order(id, null, [], new Money(1m, "AED"))));
            app.MapPost("/prices", (Money price) => TypedResults.Ok(price.Amount));
        });

        Assert.Equal(["id", "lines", "note", "total"], schemas["Order"].Required?.Order(StringComparer.Ordinal));
        Assert.Empty(schemas["Money"].Required ?? new HashSet<string>());
    }

    [Fact]
    public async Task A_schema_of_an_error_body_is_left_alone()
    {
        var schemas = await SchemasAsync(app => app.MapGet("/orders/{id}", (Guid id) => TypedResults.Ok(id)).Produces<Money>(StatusCodes.Status409Conflict));

        Assert.Empty(schemas["Money"].Required ?? new HashSet<string>());
    }

    private static async Task<IDictionary<string, IOpenApiSchema>> SchemasAsync(Action<WebApplication> map) =>
        (await BareSwaggerDocument.BuildAsync(map, o => o.DocumentFilter<ResponsePropertiesRequiredFilter>())).Components!.Schemas!;

    internal sealed record Money(decimal Amount, string Currency);

    internal sealed record OrderLine(string Sku);

    internal sealed record Order(Guid Id, string? Note, IReadOnlyList<OrderLine> Lines, Money Total);
}
