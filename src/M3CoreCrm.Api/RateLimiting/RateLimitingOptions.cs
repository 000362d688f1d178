namespace M3CoreCrm.Api.RateLimiting;

/// <summary>
/// The <c>RateLimiting</c> configuration section. Every quota is a token bucket of <c>RequestsPerMinute</c>
/// tokens refilled continuously over a minute: a client may burst up to the quota, then sustain the rate.
/// </summary>
internal sealed class RateLimitingOptions
{
    internal const string Section = "RateLimiting";

    /// <summary>Off only for benchmarks of the modules themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>All requests of one tenant; a tenant's plan limit (tenants.requests_per_minute) overrides it.</summary>
    public QuotaOptions Tenant { get; set; } = new() { RequestsPerMinute = 1200 };

    /// <summary>All requests of one user within a tenant, so one script cannot use up its colleagues' budget.</summary>
    public QuotaOptions User { get; set; } = new() { RequestsPerMinute = 300 };

    /// <summary>All requests of one API key within a tenant (integrations).</summary>
    public QuotaOptions ApiKey { get; set; } = new() { RequestsPerMinute = 600 };

    /// <summary>Anonymous requests per client IP (IPv6 per /64), outside /api/v1/auth.</summary>
    public QuotaOptions Anonymous { get; set; } = new() { RequestsPerMinute = 120 };

    /// <summary>The stricter quotas of /api/v1/auth/*.</summary>
    public AuthQuotaOptions Auth { get; set; } = new();

    /// <summary>How long a tenant's plan limit is cached before it is read again.</summary>
    public int TenantLimitsCacheSeconds { get; set; } = 30;

    internal IEnumerable<string> Problems()
    {
        foreach (var (name, quota) in new[]
                 {
                     ("Tenant", Tenant), ("User", User), ("ApiKey", ApiKey), ("Anonymous", Anonymous),
                     ("Auth:PerIp", Auth.PerIp), ("Auth:PerAccount", Auth.PerAccount),
                 })
        {
            if (quota is null || quota.RequestsPerMinute is < 1 or > 1_000_000)
            {
                yield return $"{Section}:{name}:RequestsPerMinute must be between 1 and 1000000.";
            }
        }

        if (TenantLimitsCacheSeconds is < 0 or > 3600)
        {
            yield return $"{Section}:TenantLimitsCacheSeconds must be between 0 and 3600.";
        }
    }
}

internal sealed class QuotaOptions
{
    public int RequestsPerMinute { get; set; }
}

internal sealed class AuthQuotaOptions
{
    /// <summary>Every /api/v1/auth request per client IP: bounds password hashing work and credential stuffing.</summary>
    public QuotaOptions PerIp { get; set; } = new() { RequestsPerMinute = 30 };

    /// <summary>Logins per account (the body's tenant + email), from any number of IPs.</summary>
    public QuotaOptions PerAccount { get; set; } = new() { RequestsPerMinute = 10 };
}
