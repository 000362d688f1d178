namespace M3CoreCrm.WebTests.Browser;

/// <summary>
/// The built web app the host serves: the host's output wwwroot (WebApp.targets copies it there after each build),
/// or src/M3CoreCrm.Web/dist; M3CORE_WEB_ROOT names another folder.
/// </summary>
internal static class WebRoot
{
    internal static string RepositoryRoot { get; } = FindRepositoryRoot();

    internal static string Find()
    {
        if (Environment.GetEnvironmentVariable("M3CORE_WEB_ROOT") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        // This assembly runs from tests/M3CoreCrm.WebTests/bin/<Configuration>/<tfm>/: the host's output has the same shape.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidates = new[]
        {
            Path.Combine(RepositoryRoot, "src", "M3CoreCrm.Api", "bin", output.Parent!.Name, output.Name, "wwwroot"),
            Path.Combine(RepositoryRoot, "src", "M3CoreCrm.Web", "dist"),
        };
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "index.html")))
            ?? throw new InvalidOperationException(
                $"No built web app in {string.Join(" or ", candidates)}: build the host without -p:SkipWebBuild=true, or set M3CORE_WEB_ROOT.");
    }

    /// <summary>Screenshots and other files for people to look at: TestResults/screenshots/web/ at the repository root.</summary>
    internal static string ScreenshotPath(string fileName)
    {
        var directory = Path.Combine(RepositoryRoot, "TestResults", "screenshots", "web");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "M3CoreCrm.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: M3CoreCrm.sln was not found above " + AppContext.BaseDirectory);
    }
}
