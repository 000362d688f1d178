using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>Registers module contexts on the unit of work's shared connection, and remembers them for migrate.</summary>
public static class ModuleDbContextRegistration
{
    /// <summary>
    /// Adds a module's DbContext: its schema, snake_case names, the unit of work's connection kept open. Contexts come from a
    /// pool (options and EF's internal services are built once, not per request: a fifth of the API's CPU per read
    /// in bench/), and each lease is bound to the request's unit of work and its connection.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services)
        where TContext : ModuleDbContext, IModuleSchema
    {
        services.AddPooledDbContextFactory<TContext>(options =>
        {
            Configure(options, connectionString: null, TContext.SchemaName);
            options.AddInterceptors(TenantSettingInterceptor.Instance, TenantCommandInterceptor.Instance);
        });
        services.AddScoped(sp =>
        {
            var context = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            context.Bind(sp.GetRequiredService<ModuleDbContextDependencies>());
            return context;
        });
        services.AddSingleton(new MigratableContext(typeof(TContext), TContext.SchemaName, CreateForMigration<TContext>));
        return services;
    }

    internal static string SchemaOf<TContext>()
        where TContext : ModuleDbContext =>
        (string)typeof(TContext).GetProperty(nameof(IModuleSchema.SchemaName))!.GetValue(null)!;

    /// <summary>The module's Npgsql options; without a connection string the connection is set per lease.</summary>
    internal static void Configure(DbContextOptionsBuilder options, string? connectionString, string schema) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", schema))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(UtcTimestampInterceptor.Instance)
            .ReplaceService<IModelCacheKeyFactory, TenantFilterModelCacheKeyFactory>();

    private static ModuleDbContext CreateForMigration<TContext>(string ownerConnectionString)
        where TContext : ModuleDbContext, IModuleSchema
    {
        var options = new DbContextOptionsBuilder<TContext>();
        Configure(options, ownerConnectionString, TContext.SchemaName);
        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }

    /// <summary>The building blocks every module relies on: tenant, actor, clock, shared connection.</summary>
    public static IServiceCollection AddCrmData(this IServiceCollection services, CrmDatabase database)
    {
        services.AddSingleton(database);
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ITenantContext, TenantContext>();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.AddScoped<UnitOfWork>();
        services.TryAddSingleton(TenantFilterOptions.Enforced);
        services.AddScoped(sp => new ModuleDbContextDependencies(
            sp.GetRequiredService<ITenantContext>(),
            sp.GetRequiredService<ICurrentActor>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<UnitOfWork>(),
            sp.GetRequiredService<TenantFilterOptions>().DisableTenantFilters));
        return services;
    }
}

/// <summary>A registered module context, as the migrate command sees it.</summary>
public sealed record MigratableContext(Type ContextType, string Schema, Func<string, ModuleDbContext> Create);
