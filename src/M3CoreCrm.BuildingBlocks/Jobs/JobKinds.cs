using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.BuildingBlocks.Jobs;

/// <summary>
/// One kind of job: its stable name (stored with every job, so renaming a class keeps stored jobs runnable) and
/// how to run its payload.
/// </summary>
public sealed class JobKind
{
    private readonly Func<IServiceProvider, string, CancellationToken, Task> _run;

    private JobKind(string name, Type type, Func<IServiceProvider, string, CancellationToken, Task> run)
    {
        Name = name;
        Type = type;
        _run = run;
    }

    public string Name { get; }

    public Type Type { get; }

    internal static JobKind For<TJob>(string name)
        where TJob : class =>
        new(name, typeof(TJob), (services, payload, cancellationToken) =>
        {
            var job = JsonSerializer.Deserialize<TJob>(payload, JobPayload.Options)
                ?? throw new InvalidOperationException($"The job {name} has an empty payload.");
            return services.GetRequiredService<IJobHandler<TJob>>().HandleAsync(job, cancellationToken);
        });

    /// <summary>Runs a stored job in a new scope: the tenant set from the job, the handler inside one transaction.</summary>
    public async Task RunAsync(IServiceScopeFactory scopes, Guid tenantId, string payload, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenantId);
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        await unitOfWork.InTransactionAsync(async ct =>
        {
            await _run(scope.ServiceProvider, payload, ct);
            return true;
        }, cancellationToken);
    }
}

/// <summary>The registered kinds of job, by name and by type.</summary>
public sealed class JobKinds(IEnumerable<JobKind> kinds)
{
    private readonly Dictionary<string, JobKind> _byName = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public JobKind ByName(string name) =>
        _byName.TryGetValue(name, out var kind) ? kind : throw new InvalidOperationException($"No job kind is named {name}.");

    public JobKind ByType(Type type) =>
        _byName.Values.FirstOrDefault(k => k.Type == type) ?? throw new InvalidOperationException($"{type.Name} is not a registered job.");
}

/// <summary>How job payloads are written: the API's JSON conventions, stable across versions.</summary>
public static class JobPayload
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Write<TJob>(TJob job) => JsonSerializer.Serialize(job, Options);
}

public static class JobRegistration
{
    /// <summary>Registers a kind of job under a stable <paramref name="name"/> and its scoped handler.</summary>
    public static IServiceCollection AddJob<TJob, THandler>(this IServiceCollection services, string name)
        where TJob : class
        where THandler : class, IJobHandler<TJob>
    {
        services.AddSingleton(JobKind.For<TJob>(name));
        services.AddScoped<IJobHandler<TJob>, THandler>();
        return services;
    }
}
