using CmkFunctions.LocalKeyVault.Control;

namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>
/// Delivers the outbox at least once: each subscription's due deliveries in sequence, subscriptions in parallel.
/// A 2xx answer settles a delivery; 400, 401, 403 and 413 drop it (Event Grid does not retry those); anything else,
/// or no answer within the response timeout, schedules a retry by the retry delays until the attempts or the
/// time to live run out. With the reorder switch, held deliveries are released in a shuffled order once a
/// subscription has a window of them or the first has waited the hold time.
/// </summary>
public sealed class DeliveryDispatcher(
    Outbox outbox,
    EventSubscriptionRegistry subscriptions,
    WebhookClient webhooks,
    AdjustableSettings<EventGridSettings> settings,
    TimeProvider time,
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan LongestIdle = TimeSpan.FromSeconds(1);
    private static readonly int[] NotRetried = [400, 401, 403, 413];

    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _gate = new();
    private readonly HashSet<string> _busySubscriptions = [];
    private readonly HashSet<Task> _running = [];

    /// <summary>Makes the dispatcher look at the outbox now rather than at its next tick.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Stops dispatching and waits for deliveries in flight to settle or be cancelled (they stay in the outbox).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).WaitAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var current = settings.Current;
            var now = time.GetUtcNow();
            ReleaseHeld(current, now);
            var due = outbox.Snapshot().Where(d => !d.Held && d.DueAt <= now).GroupBy(d => d.SubscriptionKey);
            foreach (var subscription in due)
            {
                if (TryClaim(subscription.Key))
                {
                    Track(DeliverInSequenceAsync(subscription.Key, [.. subscription], stoppingToken));
                }
            }

            try
            {
                await _wake.WaitAsync(UntilNextDue(current, time.GetUtcNow()), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void ReleaseHeld(EventGridSettings current, DateTimeOffset now)
    {
        foreach (var held in outbox.Snapshot().Where(d => d.Held).GroupBy(d => d.SubscriptionKey))
        {
            var batch = held.ToArray();
            if (current.Reorder && batch.Length < current.ReorderWindow && batch[0].EnqueuedAt + HoldTime(current) > now)
            {
                continue;
            }

            foreach (var delivery in Shuffled(batch))
            {
                outbox.Update(delivery with { Held = false, DueAt = now, Sequence = outbox.NextSequence() });
            }
        }
    }

    // A shuffle that happens to keep the order would make the switch a no-op; reversing is then out of order too.
    private static PendingDelivery[] Shuffled(PendingDelivery[] inOrder)
    {
        var shuffled = (PendingDelivery[])inOrder.Clone();
        Random.Shared.Shuffle(shuffled);
        if (shuffled.Length > 1 && shuffled.SequenceEqual(inOrder))
        {
            Array.Reverse(shuffled);
        }

        return shuffled;
    }

    private async Task DeliverInSequenceAsync(string subscriptionKey, IReadOnlyList<PendingDelivery> deliveries, CancellationToken stoppingToken)
    {
        try
        {
            foreach (var delivery in deliveries)
            {
                if (outbox.Find(delivery.Id) is { } pending)
                {
                    await DeliverAsync(pending, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what was not delivered stays in the outbox for the next start.
        }
        catch (IOException e)
        {
            logger.LogError("eventgrid: the outbox could not be updated: {Message}", e.Message);
        }
        finally
        {
            lock (_gate)
            {
                _busySubscriptions.Remove(subscriptionKey);
            }

            Wake();
        }
    }

    private async Task DeliverAsync(PendingDelivery delivery, CancellationToken stoppingToken)
    {
        var subscription = subscriptions.Find(delivery.Topic, delivery.SubscriptionName);
        if (subscription is null)
        {
            outbox.Remove(delivery);
            return;
        }

        var current = settings.Current;
        var response = await webhooks.PostAsync(
            subscription.EndpointUrl,
            "Notification",
            subscription.Name,
            delivery.Attempts,
            dataVersion: "1",
            delivery.ContentType,
            delivery.Body,
            TimeSpan.FromSeconds(current.ResponseTimeoutSeconds),
            stoppingToken);
        var attempts = delivery.Attempts + 1;
        var now = time.GetUtcNow();
        if (response.IsSuccess)
        {
            outbox.Remove(delivery);
            Log(LogLevel.Information, delivery, attempts, "delivered");
        }
        else if (response.Status is { } refused && NotRetried.Contains(refused))
        {
            outbox.Remove(delivery);
            Log(LogLevel.Warning, delivery, attempts, $"refused with {refused}: dropped, as Event Grid does");
        }
        else if (attempts >= current.MaxDeliveryAttempts
            || now + current.RetryDelay(attempts) > delivery.EnqueuedAt + TimeSpan.FromMinutes(current.EventTimeToLiveMinutes))
        {
            outbox.Remove(delivery);
            Log(LogLevel.Warning, delivery, attempts, $"failed ({response.StatusName}): dropped, no retries left");
        }
        else
        {
            var retryDelay = current.RetryDelay(attempts);
            outbox.Update(delivery with { Attempts = attempts, DueAt = now + retryDelay });
            Log(LogLevel.Information, delivery, attempts, $"failed ({response.StatusName}): retry in {retryDelay.TotalSeconds:0.###} s");
        }
    }

    // Names the subscription, never its endpoint: a webhook URL may carry a secret in its query.
    private void Log(LogLevel level, PendingDelivery delivery, int attempt, string outcome) =>
        logger.Log(
            level,
            "eventgrid: {EventType} {Subject} to subscription {Subscription}, attempt {Attempt}: {Outcome}",
            delivery.EventType,
            delivery.Subject,
            delivery.SubscriptionName,
            attempt,
            outcome);

    private void Track(Task delivery)
    {
        lock (_gate)
        {
            _running.Add(delivery);
        }

        delivery.ContinueWith(
            finished =>
            {
                lock (_gate)
                {
                    _running.Remove(finished);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private bool TryClaim(string subscriptionKey)
    {
        lock (_gate)
        {
            return _busySubscriptions.Add(subscriptionKey);
        }
    }

    private TimeSpan UntilNextDue(EventGridSettings current, DateTimeOffset now)
    {
        var next = outbox.Snapshot()
            .Select(d => d.Held ? d.EnqueuedAt + HoldTime(current) : d.DueAt)
            .Where(due => due > now)
            .DefaultIfEmpty(now + LongestIdle)
            .Min();
        return next - now < LongestIdle ? next - now : LongestIdle;
    }

    private static TimeSpan HoldTime(EventGridSettings current) => TimeSpan.FromSeconds(current.ReorderHoldSeconds);
}
