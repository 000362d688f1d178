using System.Diagnostics;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>Runs a tool to completion with a time limit; as the given OS user when this process is root.</summary>
internal static class ProcessRunner
{
    internal sealed record Result(int ExitCode, string Output);

    /// <summary>True when the process is root: PostgreSQL refuses to run as root, so its tools go through runuser.</summary>
    internal static bool IsRoot => OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess;

    internal static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, string? asUser = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        if (asUser is not null && IsRoot)
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(asUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(fileName);
        }
        else
        {
            start.FileName = fileName;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }

        return new Result(process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs and throws with the tool's output when it fails.</summary>
    internal static async Task<string> RunCheckedAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, string? asUser = null)
    {
        var result = await RunAsync(fileName, arguments, timeout, workingDirectory, asUser);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} exited with {result.ExitCode}: {result.Output}");
        }

        return result.Output;
    }
}
