using Microsoft.Extensions.Logging;

namespace TripSage.Memory.Grains;

/// <summary>Expiry: a durable reminder aimed at the next expiry deletes memories of users who make no calls.</summary>
internal sealed partial class UserMemoryGrain
{
    private const string ExpiryReminder = "expiry";

    // The reminder fires at the next expiry and then daily as a backstop; it is re-aimed whenever
    // the next expiry changes. Reminders cannot be due later than about 49 days, so a day is the cap.
    private static readonly TimeSpan ExpiryReminderPeriod = TimeSpan.FromDays(1);

    private DateTimeOffset? _scheduledExpiry;

    public Task ReceiveReminder(string reminderName, TickStatus status) => _commits.ExclusiveAsync(async () =>
    {
        // Activation already purged what had expired; this only catches memories that expired while active.
        if (_memory.PurgeExpired(time.GetUtcNow()) is { Count: > 0 } expired)
        {
            Call.Touch(expired);
            await PersistAsync();
        }
        else if (_memory.NextExpiry() is not null)
        {
            // A tick before the memory's time (this silo's clock behind the one that aimed it, or the daily
            // backstop): aimed again at the expiry, or the next tick would be a day away.
            _scheduledExpiry = null;
            await ScheduleExpiryAsync();
        }

        if (_memory.NextExpiry() is null)
        {
            await CancelExpiryReminderAsync();
        }

        return true;
    });

    /// <summary>
    /// Aims the durable expiry reminder at the next expiry. The change it follows is already
    /// durable, so a failure here is logged rather than failing the call: the next write or
    /// activation tries again, and reads never return an expired memory meanwhile.
    /// </summary>
    private async Task ScheduleExpiryAsync()
    {
        var next = _memory.NextExpiry();
        if (next == _scheduledExpiry)
        {
            return;
        }

        try
        {
            if (next is null)
            {
                await CancelExpiryReminderAsync();
            }
            else
            {
                var due = next.Value - time.GetUtcNow();
                due = due < TimeSpan.Zero ? TimeSpan.Zero : due > ExpiryReminderPeriod ? ExpiryReminderPeriod : due;
                await this.RegisterOrUpdateReminder(ExpiryReminder, due, ExpiryReminderPeriod);
            }

            _scheduledExpiry = next;
        }
        catch (Exception ex)
        {
            LogReminderFailed(logger, ex);
        }
    }

    private async Task CancelExpiryReminderAsync()
    {
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _scheduledExpiry = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not schedule the expiry reminder; expired memories are still never served and are deleted at the next write or activation")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception);
}
