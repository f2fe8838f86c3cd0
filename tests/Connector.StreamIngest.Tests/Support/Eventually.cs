namespace Connector.StreamIngest.Tests.Support;

/// <summary>Polls a condition until it holds; fails with a description of what was awaited.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(25);
        }
    }
}
