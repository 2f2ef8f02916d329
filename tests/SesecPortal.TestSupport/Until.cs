namespace SesecPortal.TestSupport;

/// <summary>Waits for a condition to hold (asked again every 50 ms), failing with what was awaited when it does not within the time.</summary>
public static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {(within ?? TimeSpan.FromSeconds(30)).TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(50);
        }
    }
}
