namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>
/// Where the test hosts write their logs: <c>TestResults/logs/</c> of the repository (or <c>M3CORE_TEST_LOGS</c>), one
/// file per test process. The console of a test run keeps only progress, failures and the summary.
/// </summary>
internal static class TestLogs
{
    internal static string HostLogPath { get; } = Path.Combine(Folder(), $"api-hosts-{Environment.ProcessId}.log");

    private static string Folder()
    {
        var configured = Environment.GetEnvironmentVariable("M3CORE_TEST_LOGS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "M3CoreCrm.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? Path.GetTempPath(), "TestResults", "logs");
    }
}
