using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace M3CoreCrm.Api.Hosting;

/// <summary>/health/live answers while the process runs; /health/ready checks PostgreSQL (and Redis when used).</summary>
internal static class HealthSetup
{
    internal const string Ready = "ready";

    internal static IServiceCollection AddCrmHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddNpgSql(sp => sp.GetRequiredService<CrmDatabase>().Runtime, name: "postgresql", tags: [Ready], timeout: TimeSpan.FromSeconds(3));
        return services;
    }

    internal static WebApplication MapCrmHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .ExcludeFromDescription();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }));
    }
}
