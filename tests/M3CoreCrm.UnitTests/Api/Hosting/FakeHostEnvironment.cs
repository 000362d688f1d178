using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace M3CoreCrm.UnitTests.Api.Hosting;

internal sealed class FakeHostEnvironment(string environmentName) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = environmentName;

    public string ApplicationName { get; set; } = "M3CoreCrm.Api";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
