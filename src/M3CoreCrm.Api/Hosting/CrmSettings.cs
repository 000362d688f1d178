namespace M3CoreCrm.Api.Hosting;

/// <summary>The configuration the host cannot start without, read and checked once.</summary>
internal sealed record CrmSettings(string RuntimeConnectionString, string? OwnerConnectionString, string? RedisConnectionString, string SigningKey, string[] CorsOrigins)
{
    /// <summary>The key in appsettings.Development.json; a production host refuses it.</summary>
    internal const string DevelopmentSigningKey = "development-only-signing-key-change-me-0123456789abcdef";

    internal const int MaxBodyBytes = 1024 * 1024;

    internal static CrmSettings Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var runtime = configuration.GetConnectionString("Crm");
        if (string.IsNullOrWhiteSpace(runtime))
        {
            throw new InvalidOperationException("ConnectionStrings:Crm is required (the runtime role's connection).");
        }

        var signingKey = configuration["Jwt:SigningKey"];
        if (string.IsNullOrWhiteSpace(signingKey) || signingKey.Length < 32)
        {
            throw new InvalidOperationException("Jwt:SigningKey is required and must be at least 32 characters.");
        }

        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing") && signingKey == DevelopmentSigningKey)
        {
            throw new InvalidOperationException("Jwt:SigningKey is the development default; set a secret key outside Development.");
        }

        return new CrmSettings(
            runtime,
            NullIfEmpty(configuration.GetConnectionString("CrmOwner")),
            NullIfEmpty(configuration.GetConnectionString("Redis")),
            signingKey,
            configuration.GetSection("Cors:Origins").Get<string[]>() ?? []);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
