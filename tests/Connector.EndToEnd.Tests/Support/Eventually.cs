namespace Connector.EndToEnd.Tests.Support;

/// <summary>Waits for a condition with a deadline (never a fixed sleep): polls, and fails with what was last seen.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>Polls <paramref name="probe"/> until it returns a value; throws <see cref="TimeoutException"/> with <paramref name="describe"/> after <paramref name="timeout"/>.</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> describe)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0} s: {describe()}");
            }

            await Task.Delay(Poll);
        }
    }

    public static Task<T> WaitAsync<T>(Func<T?> probe, TimeSpan timeout, Func<string> describe)
        where T : class =>
        WaitAsync(() => Task.FromResult(probe()), timeout, describe);

    public static Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe) =>
        WaitAsync(async () => await condition() ? "" : null, timeout, describe);

    public static Task WaitAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe) =>
        WaitAsync(() => Task.FromResult(condition()), timeout, describe);
}
