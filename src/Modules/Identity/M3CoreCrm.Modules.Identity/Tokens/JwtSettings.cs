using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace M3CoreCrm.Modules.Identity.Tokens;

/// <summary>Jwt:Issuer, Jwt:Audience, Jwt:SigningKey (HS256; the host refuses a missing or development key in production).</summary>
internal sealed record JwtSettings(string Issuer, string Audience, SymmetricSecurityKey SigningKey)
{
    internal static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);
    internal static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    internal static JwtSettings From(IConfiguration configuration) => new(
        configuration["Jwt:Issuer"] is { Length: > 0 } issuer ? issuer : "m3corecrm",
        configuration["Jwt:Audience"] is { Length: > 0 } audience ? audience : "m3corecrm-api",
        new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:SigningKey"] ?? throw new InvalidOperationException("Jwt:SigningKey is required."))));
}
