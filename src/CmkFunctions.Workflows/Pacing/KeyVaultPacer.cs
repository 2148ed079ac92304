using System.Collections.Concurrent;
using Azure;
using CmkFunctions.Workflows.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Pacing;

/// <summary>
/// Paces wrap and unwrap requests to each vault for the whole deployment, however many hosts run: at most
/// <c>Cmk:KeyVaultPace</c> of the vault's limit (<see cref="KeyVaultLimits"/>) in any window of Key Vault's, so a rotation
/// of many resources runs at the vault's own speed instead of into 429s. Callers queue per vault; one loop per vault
/// takes their turns from the shared <see cref="PaceLedger"/>, many at once, and waits when the window is spent.
/// </summary>
public sealed class KeyVaultPacer(PaceLedger ledger, IOptions<RotationOptions> options, ILogger<KeyVaultPacer> logger)
{
    private static readonly TimeSpan StorageRetry = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, VaultQueue> _vaults = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits until one more operation on a key allowing <paramref name="limitPerWindow"/> per window fits the vault's pace.</summary>
    public Task WaitTurnAsync(Uri vaultUri, int limitPerWindow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vaultUri);
        return _vaults.GetOrAdd(vaultUri.Authority, vault => new VaultQueue(vault, ledger, () => (int)(PaceWindow.Budget * options.Value.KeyVaultPace), logger))
            .EnqueueAsync(PaceWindow.CostOf(limitPerWindow), cancellationToken);
    }

    /// <summary>A vault's callers in arrival order, and the one loop that takes turns for them while any wait.</summary>
    private sealed class VaultQueue(string vault, PaceLedger ledger, Func<int> cap, ILogger logger)
    {
        private readonly Lock _gate = new();
        private readonly Queue<(TaskCompletionSource Turn, int Cost)> _waiting = new();
        private bool _pumping;

        public Task EnqueueAsync(int cost, CancellationToken cancellationToken)
        {
            var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _waiting.Enqueue((turn, cost));
                if (!_pumping)
                {
                    _pumping = true;
                    _ = Task.Run(PumpAsync, CancellationToken.None);
                }
            }

            return cancellationToken.CanBeCanceled ? turn.Task.WaitAsync(cancellationToken) : turn.Task;
        }

        private async Task PumpAsync()
        {
            while (Waiting() is { } costs)
            {
                try
                {
                    var (taken, wait) = await ledger.TakeAsync(vault, cap(), costs[0], free => Prefix(costs, free), CancellationToken.None);
                    if (taken > 0)
                    {
                        Release(taken);
                    }
                    else
                    {
                        await Task.Delay(wait);
                    }
                }
                catch (RequestFailedException exception)
                {
                    logger.LogWarning(exception, "Vault {Vault}: the pace ledger did not answer; Key Vault calls wait.", vault);
                    await Task.Delay(StorageRetry);
                }
            }
        }

        /// <summary>The waiting callers' costs, oldest first; null (and the loop ends) when none wait.</summary>
        private int[]? Waiting()
        {
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _pumping = false;
                    return null;
                }

                return [.. _waiting.Select(waiter => waiter.Cost)];
            }
        }

        /// <summary>The most units that whole turns, oldest first, fit in <paramref name="free"/>.</summary>
        private static int Prefix(int[] costs, int free)
        {
            var sum = 0;
            foreach (var cost in costs)
            {
                if (sum + cost > free)
                {
                    break;
                }

                sum += cost;
            }

            return sum;
        }

        private void Release(int units)
        {
            lock (_gate)
            {
                while (_waiting.Count > 0 && _waiting.Peek().Cost <= units)
                {
                    var (turn, cost) = _waiting.Dequeue();
                    units -= cost;
                    turn.TrySetResult();
                }
            }
        }
    }
}
