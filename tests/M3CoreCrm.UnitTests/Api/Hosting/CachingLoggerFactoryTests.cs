using M3CoreCrm.Api.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace M3CoreCrm.UnitTests.Api.Hosting;

public sealed class CachingLoggerFactoryTests
{
    [Fact]
    public void The_wrapped_serilog_factory_hands_out_one_logger_per_category_that_still_writes()
    {
        var sink = new CollectingSink();
        var services = new ServiceCollection();
        services.AddSerilog((_, logger) => logger.WriteTo.Sink(sink));
        CachingLoggerFactory.Wrap(services);
        using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<ILoggerFactory>();
        Assert.IsType<CachingLoggerFactory>(factory);
        var first = factory.CreateLogger("Orders");
        Assert.Same(first, factory.CreateLogger("Orders"));
        Assert.NotSame(first, factory.CreateLogger("Invoices"));

        first.LogWarning("Order {Number} is late", 7);
        var written = Assert.Single(sink.Events);
        Assert.Equal("Order 7 is late", written.RenderMessage());
        Assert.Equal("\"Orders\"", written.Properties["SourceContext"].ToString());
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
