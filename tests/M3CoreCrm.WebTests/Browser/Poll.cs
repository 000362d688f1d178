namespace M3CoreCrm.WebTests.Browser;

/// <summary>Waits on a condition that no locator expresses (a computed value, a count of requests).</summary>
internal static class Poll
{
    internal static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? WebAppFixture.StepTimeout);
        var value = await read();
        while (!condition(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}; last value: {value}");
            }

            await Task.Delay(100);
            value = await read();
        }

        return value;
    }
}
