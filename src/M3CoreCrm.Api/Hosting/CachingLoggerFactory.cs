using System.Collections.Concurrent;

namespace M3CoreCrm.Api.Hosting;

/// <summary>
/// Serilog's <c>ILoggerFactory</c> builds a new logger (with its own event-id cache) on every <c>CreateLogger</c>,
/// and ASP.NET Core asks for one per request (the authentication handlers, typed results). This keeps one logger per
/// category, as Microsoft's own factory does.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider)
    {
        _loggers.Clear();
        inner.AddProvider(provider);
    }

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the registered factory (call after <c>AddSerilog</c>).</summary>
    internal static void Wrap(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(sp => new CachingLoggerFactory(registered.ImplementationFactory is { } create
            ? (ILoggerFactory)create(sp)
            : registered.ImplementationInstance as ILoggerFactory ?? (ILoggerFactory)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)));
    }
}
