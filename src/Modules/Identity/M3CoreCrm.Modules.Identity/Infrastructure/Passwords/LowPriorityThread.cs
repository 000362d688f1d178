using System.Runtime.InteropServices;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Passwords;

/// <summary>
/// Runs work on a new thread of lowered CPU priority (its Linux nice value; elsewhere normal priority). .NET's own
/// <see cref="Thread.Priority"/> changes nothing on Linux, and a thread may always lower its own priority, never
/// raise it back. Threads inherit the nice value of the thread that creates them, and the thread pool creates
/// workers on whichever thread queues work to it, so the niced thread queues nothing: it only sets an event, and a
/// registered wait (on the pool's own wait thread) completes the task.
/// </summary>
internal static class LowPriorityThread
{
    private const int PrioProcess = 0; // with a thread id as "who", Linux applies the nice value to that thread alone

    public static Task<T> RunAsync<T>(Func<T> work, int nice)
    {
        var done = new ManualResetEvent(false);
        var completion = new TaskCompletionSource<T>();
        T result = default!;
        Exception? failure = null;

        RegisteredWaitHandle? registration = null;
        registration = ThreadPool.RegisterWaitForSingleObject(done, (_, _) =>
        {
            registration?.Unregister(null);
            done.Dispose();
            if (failure is null)
            {
                completion.SetResult(result);
            }
            else
            {
                completion.SetException(failure);
            }
        }, null, Timeout.Infinite, executeOnlyOnce: true);

        var thread = new Thread(() =>
        {
            Lower(nice);
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }

            done.Set();
        })
        { IsBackground = true, Name = "Low-priority work" };
        thread.Start();
        return completion.Task;
    }

    private static void Lower(int nice)
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
