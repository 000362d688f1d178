using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Tokens;

/// <summary>
/// Jwt:Issuer, Jwt:Audience, Jwt:SigningKey (HS256; the host refuses a missing or development key in production),
/// Jwt:AccessTokenLifetime (TimeSpan, default 00:15:00, at least 5 seconds) and Jwt:ClockSkew (default 00:00:30).
/// </summary>
internal sealed record JwtSettings(string Issuer, string Audience, SymmetricSecurityKey SigningKey, TimeSpan AccessTokenLifetime, TimeSpan ClockSkew)
{
    internal static readonly TimeSpan DefaultAccessTokenLifetime = TimeSpan.FromMinutes(15);
    internal static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan MinAccessTokenLifetime = TimeSpan.FromSeconds(5);
    internal static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How long after a revocation an access token issued before it can still pass validation.</summary>
    internal TimeSpan AccessTokenValidity => AccessTokenLifetime + ClockSkew;

    internal static JwtSettings From(IConfiguration configuration)
    {
        var lifetime = ReadTimeSpan(configuration, "Jwt:AccessTokenLifetime", DefaultAccessTokenLifetime);
        if (lifetime < MinAccessTokenLifetime)
        {
            throw new InvalidOperationException($"Jwt:AccessTokenLifetime must be at least {MinAccessTokenLifetime}; it is {lifetime}.");
        }

        var skew = ReadTimeSpan(configuration, "Jwt:ClockSkew", DefaultClockSkew);
        if (skew < TimeSpan.Zero || skew > MaxClockSkew)
        {
            throw new InvalidOperationException($"Jwt:ClockSkew must be between 00:00:00 and {MaxClockSkew}; it is {skew}.");
        }

        return new JwtSettings(
            configuration["Jwt:Issuer"] is { Length: > 0 } issuer ? issuer : "m3corecrm",
            configuration["Jwt:Audience"] is { Length: > 0 } audience ? audience : "m3corecrm-api",
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:SigningKey"] ?? throw new InvalidOperationException("Jwt:SigningKey is required."))),
            lifetime,
            skew);
    }

    private static TimeSpan ReadTimeSpan(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"{key} must be a TimeSpan such as 00:15:00; it is '{text}'.");
    }
}
