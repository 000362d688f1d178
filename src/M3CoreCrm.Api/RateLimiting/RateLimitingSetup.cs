using Microsoft.Extensions.Options;

namespace M3CoreCrm.Api.RateLimiting;

/// <summary>The <c>RateLimiting</c> options, the bucket store (Redis when configured, else in process) and the middleware.</summary>
internal static class RateLimitingSetup
{
    internal static IServiceCollection AddCrmRateLimiting(this IServiceCollection services, IConfiguration configuration, bool redis)
    {
        services.AddOptions<RateLimitingOptions>()
            .Bind(configuration.GetSection(RateLimitingOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitingOptions>, OptionsValidator>();
        services.AddMemoryCache();
        services.AddSingleton<RateLimitMetrics>();
        services.AddSingleton<TenantQuotas>();
        services.AddSingleton<InProcessRateLimitStore>();
        if (redis)
        {
            services.AddSingleton<IRateLimitStore, RedisRateLimitStore>();
        }
        else
        {
            services.AddSingleton<IRateLimitStore>(sp => sp.GetRequiredService<InProcessRateLimitStore>());
        }

        return services;
    }

    /// <summary>Between tenant resolution and authorization (the pipeline order of docs/architecture.md).</summary>
    internal static IApplicationBuilder UseCrmRateLimiting(this IApplicationBuilder app) => app.UseMiddleware<RateLimitingMiddleware>();
}

/// <summary>Refuses to start with a quota of zero, a negative one, or an absurd one.</summary>
internal sealed class OptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
