using System.Runtime.InteropServices;

namespace M3CoreCrm.Modules.Identity.Passwords;

/// <summary>
/// Lowers the calling thread's CPU priority (its Linux nice value; elsewhere a no-op). .NET's own
/// <see cref="Thread.Priority"/> changes nothing on Linux, and a thread may always lower its own priority.
/// </summary>
internal static class LowPriorityThread
{
    private const int PrioProcess = 0; // with a thread id as "who", Linux applies the nice value to that thread alone

    public static void Lower(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Best effort: a refusal, or a C library without these calls, leaves the thread at normal priority, which is
        // slower for its neighbours but still correct; a login must not fail over it.
        try
        {
            _ = SetPriority(PrioProcess, GetThreadId(), nice);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, and plain ints need none.
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int prio);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
