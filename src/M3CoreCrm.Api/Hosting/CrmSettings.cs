namespace M3CoreCrm.Api.Hosting;

/// <summary>The configuration the host cannot start without, read and checked once.</summary>
internal sealed record CrmSettings(string RuntimeConnectionString, string? OwnerConnectionString, string? RedisConnectionString, string SigningKey, string[] CorsOrigins)
{
    /// <summary>The key in appsettings.Development.json; a production host refuses it.</summary>
    internal const string DevelopmentSigningKey = "development-only-signing-key-change-me-0123456789abcdef";

    internal const int MaxBodyBytes = 1024 * 1024;

    internal const int MinSecretLength = 32;

    /// <summary>The platform key in appsettings.Development.json; a production host refuses it.</summary>
    internal const string DevelopmentPlatformKey = "development-platform-key";

    /// <summary>
    /// Configuration for a host that only writes its OpenAPI document (<c>openapi</c> command): it opens no connection
    /// and signs nothing, so it needs none; these placeholders, under whatever is configured, only let the services be
    /// composed. The key is random, so a host started this way by mistake could sign nothing anyone accepts.
    /// </summary>
    internal static Dictionary<string, string?> DocumentOnlyDefaults() => new()
    {
        ["ConnectionStrings:Crm"] = "Host=document-only.invalid",
        ["Jwt:SigningKey"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    };

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

        CheckPlatformKey(configuration["Platform:ApiKey"], environment);
        return new CrmSettings(
            runtime,
            NullIfEmpty(configuration.GetConnectionString("CrmOwner")),
            NullIfEmpty(configuration.GetConnectionString("Redis")),
            signingKey,
            configuration.GetSection("Cors:Origins").Get<string[]>() ?? []);
    }

    /// <summary>
    /// Outside Development and tests a platform key, when set, must be a secret: at least 32 characters, not a known
    /// default, not a few characters repeated. Empty is allowed: the platform routes then refuse every request.
    /// </summary>
    private static void CheckPlatformKey(string? key, IHostEnvironment environment)
    {
        if (string.IsNullOrEmpty(key) || environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        {
            return;
        }

        if (key.Length < MinSecretLength || key.Distinct().Count() < 10
            || key.Contains(DevelopmentPlatformKey, StringComparison.OrdinalIgnoreCase) || key.Contains(DevelopmentSigningKey, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Platform:ApiKey is too weak: outside Development it must be a random secret of at least {MinSecretLength} characters (or empty to turn the platform routes off).");
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
