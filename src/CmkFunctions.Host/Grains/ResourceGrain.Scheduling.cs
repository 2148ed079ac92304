namespace CmkFunctions.Host.Grains;

/// <summary>
/// When steps run: a grain timer every <c>Cmk:AuthorizationCheckInterval</c> while the lifecycle is unfinished (the
/// frequent re-check of access while WaitingForKey), and a reminder every minute that survives crashes and brings the
/// grain back to resume. Both stop once the lifecycle ends.
/// </summary>
public sealed partial class ResourceGrain
{
    private const string LifecycleReminder = "lifecycle";

    // Orleans reminders tick at most once a minute.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _stepTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        StartHealthChecks();
        if (resource.RecordExists && !resource.State.IsFinished)
        {
            RunStepsSoon();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _stepCancellation.CancelAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == HealthCheckReminder)
        {
            await OnHealthReminderAsync();
            return;
        }

        if (reminderName != LifecycleReminder)
        {
            return;
        }

        if (!resource.RecordExists)
        {
            await StopReminderAsync();
            return;
        }

        RunStepsSoon();
    }

    /// <summary>Runs the next steps now, then on every timer tick until the lifecycle ends.</summary>
    private void RunStepsSoon()
    {
        var period = options.Value.AuthorizationCheckInterval;
        if (_stepTimer is null)
        {
            _stepTimer = this.RegisterGrainTimer(OnStepTimerAsync, new GrainTimerCreationOptions(TimeSpan.Zero, period) { Interleave = true, KeepAlive = true });
        }
        else
        {
            _stepTimer.Change(TimeSpan.Zero, period);
        }
    }

    private async Task OnStepTimerAsync(CancellationToken timerCancellation)
    {
        if (!await _gate.WaitAsync(TimeSpan.Zero, CancellationToken.None))
        {
            return;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stepCancellation.Token, timerCancellation);
        try
        {
            while (resource.RecordExists && await AdvanceAsync(cancellation.Token))
            {
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            logger.LogInformation("Resource {Resource}: steps stopped (deleted or deactivating).", Name);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Resource {Resource}: step in {State} failed; it runs again in {Interval}.",
                Name, resource.State.ProvisioningState, options.Value.AuthorizationCheckInterval);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void StopSteps()
    {
        _stepTimer?.Dispose();
        _stepTimer = null;
    }

    private async Task EnsureReminderAsync() => await this.RegisterOrUpdateReminder(LifecycleReminder, ReminderPeriod, ReminderPeriod);

    private async Task StopReminderAsync()
    {
        var reminder = await this.GetReminder(LifecycleReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
