namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>
/// Folders for throwaway servers. test.sh sets M3CORE_TEST_TMPDIR so it can stop whatever a crashed test host left
/// running; otherwise the system temp folder is used.
/// </summary>
internal static class ThrowawayFolder
{
    internal const string ParentVariable = "M3CORE_TEST_TMPDIR";

    internal static string Create(string prefix)
    {
        var parent = Environment.GetEnvironmentVariable(ParentVariable) is { Length: > 0 } configured ? configured : Path.GetTempPath();
        var path = Path.Combine(parent, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(path);
        return path;
    }

    internal static void Delete(string path)
    {
        for (var attempt = 0; Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(100); // a server that was just killed may still be closing files
            }
        }
    }
}
