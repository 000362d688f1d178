using M3CoreCrm.Modules.Identity.Domain;

namespace M3CoreCrm.UnitTests.Identity;

public sealed class LoginThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Five_failures_are_free_then_each_locks_twice_as_long_up_to_a_minute()
    {
        var throttle = LoginThrottle.For("a@b.test");
        var now = Start;
        for (var i = 0; i < 5; i++)
        {
            Assert.False(throttle.RecordFailure(now));
            Assert.False(throttle.IsLocked(now));
        }

        var locks = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            Assert.True(throttle.RecordFailure(now));
            locks.Add(throttle.RemainingLock(now).TotalSeconds);
            now += throttle.RemainingLock(now);
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], locks);
    }

    [Fact]
    public void An_attacker_gets_fewer_than_100_guesses_an_hour()
    {
        var throttle = LoginThrottle.For("a@b.test");
        var now = Start;
        var guesses = 0;
        while (now < Start.AddHours(1))
        {
            if (!throttle.IsLocked(now))
            {
                throttle.RecordFailure(now);
                guesses++;
            }

            now = now.AddSeconds(1);
        }

        Assert.InRange(guesses, 50, 99);
    }

    [Fact]
    public void The_count_starts_again_after_an_hour_without_failures()
    {
        var throttle = LoginThrottle.For("a@b.test");
        for (var i = 0; i < 7; i++)
        {
            throttle.RecordFailure(Start);
        }

        Assert.False(throttle.RecordFailure(Start.AddHours(2)));
        Assert.Equal(1, throttle.Failures);
    }
}
