namespace M3CoreCrm.ClientTests.Browser;

/// <summary>
/// The distribution's Chromium (Debian's <c>chromium</c> package, which test.sh installs), so Playwright needs no
/// browser download: M3CORE_CHROMIUM overrides the path.
/// </summary>
internal static class SystemChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    internal static string ExecutablePath()
    {
        var configured = Environment.GetEnvironmentVariable("M3CORE_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("No Chromium found: install the 'chromium' package (test.sh does) or set M3CORE_CHROMIUM.");
    }
}
