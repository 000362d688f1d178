using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.Extensions.Options;

namespace M3CoreCrm.Api.RateLimiting;

/// <summary>
/// After authentication and tenant resolution, before authorization: takes a token from each of the request's
/// buckets, or refuses it with 429 <c>rate_limit.exceeded</c> problem details and Retry-After (written, not thrown: a
/// flood of refusals costs no exceptions and no error logs). Every limited response, success or error, carries the
/// RateLimit and RateLimit-Policy headers (written when the response starts, so they survive the exception
/// handler's rewrite of a response).
/// </summary>
internal sealed class RateLimitingMiddleware(
    RequestDelegate next,
    IRateLimitStore store,
    TenantQuotas tenantQuotas,
    IOptions<RateLimitingOptions> options,
    RateLimitMetrics metrics)
{
    internal const int WindowSeconds = 60;

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.Enabled || RateLimitPartitioner.IsExempt(context.Request.Path))
        {
            await next(context);
            return;
        }

        var account = await LoginAccountReader.ReadAsync(context.Request);
        var partitions = RateLimitPartitioner.Select(context.Request.Path, context.User, context.Connection.RemoteIpAddress, account);
        var buckets = new BucketSpec[partitions.Count];
        for (var i = 0; i < partitions.Count; i++)
        {
            var partition = partitions[i];
            var quota = partition.Policy switch
            {
                RateLimitPolicies.Tenant => await tenantQuotas.RequestsPerMinuteAsync(partition.TenantId!.Value, context.RequestServices, context.RequestAborted),
                RateLimitPolicies.User => settings.User.RequestsPerMinute,
                RateLimitPolicies.ApiKey => settings.ApiKey.RequestsPerMinute,
                RateLimitPolicies.AuthIp => settings.Auth.PerIp.RequestsPerMinute,
                RateLimitPolicies.AuthAccount => settings.Auth.PerAccount.RequestsPerMinute,
                _ => settings.Anonymous.RequestsPerMinute,
            };
            buckets[i] = new BucketSpec(partition.Policy, partition.Key, quota, WindowSeconds);
        }

        var decision = await store.AcquireAsync(buckets);
        context.Response.OnStarting(static state =>
        {
            var (response, decided) = ((HttpResponse, RateLimitDecision))state;
            RateLimitHeaders.Write(response.Headers, decided);
            return Task.CompletedTask;
        }, (context.Response, decision));

        if (!decision.Allowed)
        {
            metrics.Rejected(decision.Violated);
            await ProblemResponses.WriteAsync(context, Problems.TooManyRequests(decision.RetryAfterSeconds, decision.Violated));
            return;
        }

        await next(context);
    }
}
