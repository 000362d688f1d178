using M3CoreCrm.Api.Commands;
using M3CoreCrm.Api.Jobs;
using M3CoreCrm.Api.RateLimiting;
using M3CoreCrm.Api.Redis;
using M3CoreCrm.BuildingBlocks;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Modules;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Serilog;
using Serilog.Formatting.Compact;

namespace M3CoreCrm.Api.Hosting;

/// <summary>Composes the host: services of the building blocks and modules, then the request pipeline.</summary>
internal static class CrmHost
{
    internal static WebApplication Build(string[] args, IReadOnlyList<IModule> modules)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (args is [OpenApiCommand.CommandName, ..])
        {
            // Placeholders only where nothing is set (appsettings.json leaves them empty): what is configured still
            // applies, so the document is the one this configuration serves.
            foreach (var (key, value) in CrmSettings.DocumentOnlyDefaults().Where(d => string.IsNullOrWhiteSpace(builder.Configuration[d.Key])))
            {
                builder.Configuration[key] = value;
            }
        }

        var settings = CrmSettings.Read(builder.Configuration, builder.Environment);
        var services = builder.Services;

        services.AddSerilog((sp, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext();
            if (builder.Environment.IsDevelopment())
            {
                logger.WriteTo.Console();
            }
            else
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        });
        CachingLoggerFactory.Wrap(services);

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = CrmSettings.MaxBodyBytes);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddBuildingBlocks(new CrmDatabase(settings.RuntimeConnectionString, settings.OwnerConnectionString), settings.SigningKey);
        services.AddCrmSecurityHeaders();
        services.AddCrmOpenApi();
        services.AddCrmHealth();
        services.AddCrmForwardedHeaders(builder.Configuration);
        services.AddCrmRedis(settings.RedisConnectionString);
        services.AddCrmRateLimiting(builder.Configuration, redis: settings.RedisConnectionString is not null);
        services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(settings.CorsOrigins).AllowAnyHeader().AllowAnyMethod()
            .WithExposedHeaders("ETag", "Location", "Retry-After", "RateLimit", "RateLimit-Policy", CorrelationIdMiddleware.HeaderName)));
        services.AddAuthentication();
        services.AddAuthorization();
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("m3corecrm-api"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", "Microsoft.EntityFrameworkCore", RateLimitMetrics.MeterName, JobMetrics.MeterName)
                .AddPrometheusExporter());
        MetricsEndpoint.Add(services, builder.Configuration);
        if (builder.Configuration.GetValue<bool>("Database:MigrateOnStartup"))
        {
            services.AddHostedService<MigrateOnStartup>();
        }

        // After the migration on start-up (hosted services start in order): the engine finds its tables made.
        builder.AddCrmJobs(settings.RuntimeConnectionString);

        foreach (var module in modules)
        {
            module.AddServices(services, builder.Configuration);
        }

        var app = builder.Build();
        UsePipeline(app, modules);
        return app;
    }

    /// <summary>
    /// The pipeline, in this order (docs/architecture.md): client address (trusted proxies only), security headers, errors, correlation and logging, CORS,
    /// authentication, tenant, limits, authorization.
    /// </summary>
    private static void UsePipeline(WebApplication app, IReadOnlyList<IModule> modules)
    {
        app.UseCrmForwardedHeaders();
        app.UseCrmSecurityHeaders();

        // Correlation and the request log wrap the exception handler, so the log shows the status the client got
        // (a handled 404 is logged as 404, not as a 500 passing through).
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseSerilogRequestLogging(o => o.EnrichDiagnosticContext = (diagnostics, http) =>
        {
            diagnostics.Set("TenantId", http.User.FindFirst("tid")?.Value);
            diagnostics.Set("UserId", http.User.FindFirst("sub")?.Value);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCrmWebApp();
        app.UseRouting();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseCors();
        app.UseAuthentication();
        app.UseTenantResolution();
        app.UseCrmRateLimiting();
        app.UseAuthorization();
        app.UseIdempotency();

        app.MapCrmHealth();
        app.UseCrmOpenApi();

        var api = app.MapGroup("/api/v1")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        foreach (var module in modules)
        {
            module.MapEndpoints(api);
        }
    }
}
