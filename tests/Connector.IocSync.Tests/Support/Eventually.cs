namespace Connector.IocSync.Tests.Support;

/// <summary>Waits for an asynchronous system to reach a state, failing with what it last saw.</summary>
internal static class Eventually
{
    public static Task<T> HoldsAsync<T>(Func<T> read, Func<T, bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(read()), condition, what, timeout);

    /// <summary>Like the other overload, for readings that query something (a store).</summary>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var last = await read();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last seen: {last}");
            }

            await Task.Delay(50);
            last = await read();
        }

        return last;
    }

    /// <summary>Waits until a reading stops changing (the system is quiet), then returns it.</summary>
    public static async Task<T> SettlesAsync<T>(Func<T> read, TimeSpan quiet, TimeSpan? timeout = null)
        where T : IEquatable<T>
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var last = read();
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow - stableSince < quiet)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for the system to settle; last seen: {last}");
            }

            await Task.Delay(50);
            var next = read();
            if (!next.Equals(last))
            {
                last = next;
                stableSince = DateTime.UtcNow;
            }
        }

        return last;
    }
}
