using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace M3CoreCrm.UnitTests.Api.Hosting;

/// <summary>The OpenAPI document of a bare app with only the given routes and Swashbuckle filters: a filter on its own.</summary>
internal static class BareSwaggerDocument
{
    internal static async Task<OpenApiDocument> BuildAsync(Action<WebApplication> map, Action<SwaggerGenOptions> filters)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo { Title = "test", Version = "v1" });
            filters(o);
        });
        await using var app = builder.Build();
        map(app);

        // An app that is never started hands its endpoints to routing (and so to the API explorer) only here.
        app.UseRouting();
        app.UseEndpoints(_ => { });
        return await app.Services.GetRequiredService<IAsyncSwaggerProvider>().GetSwaggerAsync("v1");
    }
}
