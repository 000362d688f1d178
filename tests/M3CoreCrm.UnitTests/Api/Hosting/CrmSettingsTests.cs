using M3CoreCrm.Api.Hosting;
using Microsoft.Extensions.Configuration;

namespace M3CoreCrm.UnitTests.Api.Hosting;

public sealed class CrmSettingsTests
{
    private const string RuntimeConnection = "Host=db;Database=m3core;Username=crm_app;Password=secret";
    private const string ProductionKey = "a-production-signing-key-of-48-characters-000000";

    private static IConfiguration Configuration(params (string Key, string? Value)[] overrides)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Crm"] = RuntimeConnection,
            ["ConnectionStrings:CrmOwner"] = "",
            ["ConnectionStrings:Redis"] = "redis:6379",
            ["Jwt:SigningKey"] = ProductionKey,
            ["Cors:Origins:0"] = "https://app.example.com",
            ["Cors:Origins:1"] = "https://admin.example.com",
        };
        foreach (var (key, value) in overrides)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    [Fact]
    public void Valid_settings_are_read()
    {
        var settings = CrmSettings.Read(Configuration(), new FakeHostEnvironment("Production"));

        Assert.Equal(RuntimeConnection, settings.RuntimeConnectionString);
        Assert.Null(settings.OwnerConnectionString);
        Assert.Equal("redis:6379", settings.RedisConnectionString);
        Assert.Equal(ProductionKey, settings.SigningKey);
        Assert.Equal(["https://app.example.com", "https://admin.example.com"], settings.CorsOrigins);
    }

    [Fact]
    public void No_cors_origins_means_none()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Crm"] = RuntimeConnection,
            ["Jwt:SigningKey"] = ProductionKey,
        }).Build();

        Assert.Empty(CrmSettings.Read(configuration, new FakeHostEnvironment("Production")).CorsOrigins);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_runtime_connection_string_is_refused(string? connection)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            CrmSettings.Read(Configuration(("ConnectionStrings:Crm", connection)), new FakeHostEnvironment("Production")));

        Assert.Contains("ConnectionStrings:Crm", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short-key")]
    [InlineData("0123456789012345678901234567890")]
    public void A_missing_or_short_signing_key_is_refused(string? key)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            CrmSettings.Read(Configuration(("Jwt:SigningKey", key)), new FakeHostEnvironment("Development")));

        Assert.Contains("Jwt:SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signing_key_of_32_characters_is_enough()
    {
        var key = new string('k', 32);

        Assert.Equal(key, CrmSettings.Read(Configuration(("Jwt:SigningKey", key)), new FakeHostEnvironment("Production")).SigningKey);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("development-but-not-quite")]
    public void The_development_signing_key_is_refused_outside_development_and_testing(string environment)
    {
        var configuration = Configuration(("Jwt:SigningKey", CrmSettings.DevelopmentSigningKey));

        var error = Assert.Throws<InvalidOperationException>(() => CrmSettings.Read(configuration, new FakeHostEnvironment(environment)));

        Assert.Contains("development default", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void The_development_signing_key_is_accepted_in_development_and_testing(string environment)
    {
        var configuration = Configuration(("Jwt:SigningKey", CrmSettings.DevelopmentSigningKey));

        Assert.Equal(CrmSettings.DevelopmentSigningKey, CrmSettings.Read(configuration, new FakeHostEnvironment(environment)).SigningKey);
    }

    [Fact]
    public void The_development_key_constant_is_the_one_in_appsettings_development()
    {
        var appsettings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"), optional: false)
            .Build();

        Assert.Equal(CrmSettings.DevelopmentSigningKey, appsettings["Jwt:SigningKey"]);
    }

    [Theory]
    [InlineData("bench")]
    [InlineData("development-platform-key")]
    [InlineData("0123456789abcdef0123456789abcde")] // 31 characters
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // long, but a few characters repeated
    [InlineData("abababababababababababababababab0123456")] // nine distinct characters
    [InlineData("development-platform-key-0123456789abcdef")] // the development key made longer
    public void A_short_weak_or_default_platform_key_is_refused_in_production(string key)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            CrmSettings.Read(Configuration(("Platform:ApiKey", key)), new FakeHostEnvironment("Production")));

        Assert.Contains("Platform:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "q7Vx2mPz9KdL4wTn8RbC1yHf6JgS3aEu")]
    [InlineData("Production", "")] // no key: the platform routes refuse every request
    [InlineData("Production", null)]
    [InlineData("Development", "development-platform-key")]
    [InlineData("Testing", "short")]
    public void A_random_platform_key_or_none_is_accepted(string environment, string? key)
    {
        var settings = CrmSettings.Read(Configuration(("Platform:ApiKey", key)), new FakeHostEnvironment(environment));

        Assert.Equal(ProductionKey, settings.SigningKey);
    }

    [Fact]
    public void The_development_platform_key_constant_is_the_one_in_appsettings_development()
    {
        var appsettings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"), optional: false)
            .Build();

        Assert.Equal(CrmSettings.DevelopmentPlatformKey, appsettings["Platform:ApiKey"]);
    }
}
