using System.Diagnostics;
using System.Text.Json.Nodes;

namespace M3CoreCrm.IntegrationTests.OpenApi;

/// <summary><c>M3CoreCrm.Api.dll openapi FILE</c> needs no configuration: no connection string, no signing key, any environment.</summary>
public sealed class OpenApiCommandTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task The_openapi_command_writes_the_document_with_no_configuration(string environment)
    {
        // The host as built (tests/.../bin/Release/net10.0 -> src/M3CoreCrm.Api/bin/Release/net10.0), run as an operator would.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var api = Path.Combine(RepositoryFiles.Root, "src", "M3CoreCrm.Api", "bin", testOutput.Parent!.Name, testOutput.Name, "M3CoreCrm.Api.dll");
        Assert.True(File.Exists(api), $"The API is not built at {api}.");
        var output = Path.Combine(Path.GetTempPath(), $"m3core-openapi-{Guid.NewGuid():N}.json");
        // From the host's folder, as an operator runs it: appsettings.json is read, and leaves every secret empty.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(api)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(api);
        start.ArgumentList.Add("openapi");
        start.ArgumentList.Add(output);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("Jwt", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}{await stdout}");
            var document = JsonNode.Parse(await File.ReadAllTextAsync(output))!;
            Assert.NotNull(document["paths"]!["/api/v1/deals"]);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
