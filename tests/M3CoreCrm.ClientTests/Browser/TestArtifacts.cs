namespace M3CoreCrm.ClientTests.Browser;

/// <summary>Files a test leaves for people to look at (screenshots): under TestResults/ at the repository root.</summary>
internal static class TestArtifacts
{
    internal static string PathFor(string fileName)
    {
        var directory = Path.Combine(RepositoryRoot() ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }

    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "M3CoreCrm.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
