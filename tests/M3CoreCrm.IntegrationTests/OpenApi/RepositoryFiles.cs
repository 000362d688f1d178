namespace M3CoreCrm.IntegrationTests.OpenApi;

/// <summary>Files of the repository the tests run from (found by walking up to M3CoreCrm.sln).</summary>
internal static class RepositoryFiles
{
    internal static string Root { get; } = FindRoot();

    internal static string PublishedDocument => Path.Combine(Root, "docs", "openapi", "v1.json");

    internal static string Changelog => Path.Combine(Root, "docs", "api-changelog.md");

    /// <summary>The command that rewrites the published document from the API as built.</summary>
    internal const string RegenerateCommand =
        "dotnet build src/M3CoreCrm.Api -c Release -p:SkipWebBuild=true && dotnet src/M3CoreCrm.Api/bin/Release/net10.0/M3CoreCrm.Api.dll openapi docs/openapi/v1.json";

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "M3CoreCrm.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"No M3CoreCrm.sln above {AppContext.BaseDirectory}.");
    }
}
