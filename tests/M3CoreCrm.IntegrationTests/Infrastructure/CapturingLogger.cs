using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>A logger a test host registers for one category (ILogger&lt;T&gt;), to see what the host logged there.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    internal ConcurrentQueue<(LogLevel Level, EventId Event, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
}
