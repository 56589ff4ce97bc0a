using System.Runtime.InteropServices;
using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;
using Ballast.Runs.Exploration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Ballast.Cluster;

/// <summary>Settings of a silo's worker.</summary>
/// <param name="Threads">Threads the worker simulates a range on (0 = all cores).</param>
/// <param name="IdleDelay">How long the worker waits before asking again when no job has work.</param>
public sealed record WorkerOptions(int Threads = 0, TimeSpan? IdleDelay = null)
{
    /// <summary>The wait when idle (default 50 ms).</summary>
    public TimeSpan Idle => IdleDelay ?? TimeSpan.FromMilliseconds(50);
}

/// <summary>
/// The worker every silo runs: it pulls the next run range from the coordinator, simulates it with the engine's runner
/// and hands the result back, again and again. Pulling is the work stealing: a silo that finishes sooner asks sooner.
/// </summary>
internal sealed class RangeWorker(IGrainFactory grains, ILocalSiloDetails local, IHostApplicationLifetime lifetime, WorkerOptions options, ILogger<RangeWorker> log)
    : BackgroundService
{
    // One compiled model per job (jobs are few; a job's scenario compiles once per silo).
    private readonly Dictionary<string, BatchComputer> _computers = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need the silo running: wait until the host has started every service.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }

        var coordinator = grains.GetGrain<ICoordinatorGrain>(0);
        string silo = local.SiloAddress.ToParsableString();
        // Pipelined: while a range is simulated, the previous result travels to the coordinator and the next range is
        // already asked for, so the cores do not wait for the network. A silo holds at most two leases at a time.
        Task<WorkItem?>? asking = null;
        Task? handing = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var item = await (asking ?? coordinator.Next(local.SiloAddress)).ConfigureAwait(false);
                asking = null;
                if (item is null)
                {
                    await Task.Delay(options.Idle, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                asking = coordinator.Next(local.SiloAddress);
                RangeResult result;
                try
                {
                    result = await Task.Run(() => Compute(item, silo, stoppingToken), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException and not OrleansException and not TimeoutException)
                {
                    // A job this silo cannot run (a scenario it cannot load, a model error) fails the job, not the silo.
                    log.LogError("job {Job} failed on this silo: {Message}", item.Job.Id, e.Message);
                    _computers.Remove(item.Job.Id);
                    await coordinator.Fail(item.Job.Id, silo, e.Message).ConfigureAwait(false);
                    continue;
                }

                if (handing is not null)
                {
                    await handing.ConfigureAwait(false);
                }

                handing = coordinator.Complete(item.Job.Id, result);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // The coordinator's silo died or is moving: leases it gave are lost with it and the client resubmits
                // what is not stored; ask again shortly.
                log.LogWarning("coordinator unavailable ({Message}); retrying", e.Message);
                asking = null;
                handing = null;
                await Task.Delay(options.Idle, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Rebuilds the job's experiment exactly as the client's command built it.</summary>
    internal static BatchComputer Computer(ExperimentJob job, int threads)
    {
        if (job.Policies is { Length: > 0 } policies)
        {
            var spec = DesignSpec.FromDescription(job.Design);
            var texts = policies.Select((yaml, i) => (yaml, $"policy {i + 1}")).ToList();
            var policy = RobustFutures.Prepare(texts, spec.Samples, job.Seed).Policies[job.Policy];
            return new BatchComputer(policy.Model, policy.Design, policy.Parameters, threads);
        }

        var (_, model, parameters, _) = ExplorationSetup.LoadText(job.ScenarioYaml, job.ScenarioLabel, job.Seed);
        var design = Design.Create(DesignSpec.FromDescription(job.Design), parameters.Count);
        return new BatchComputer(model, design, parameters, threads);
    }

    private RangeResult Compute(WorkItem item, string silo, CancellationToken cancel)
    {
        if (!_computers.TryGetValue(item.Job.Id, out var computer))
        {
            if (_computers.Count >= 4)
            {
                _computers.Clear(); // a long-lived silo keeps the models of its last few jobs only
            }

            computer = Computer(item.Job, options.Threads);
            _computers[item.Job.Id] = computer;
        }

        var batch = computer.NewBatch(item.Count);
        batch.Count = item.Count;
        for (int k = 0; k < item.Count; k++)
        {
            batch.Runs[k] = item.First + k;
        }

        computer.Fill(batch, cancel);
        return new RangeResult(item.First, item.Count, MemoryMarshal.AsBytes(batch.Outcomes.AsSpan()).ToArray(), MemoryMarshal.AsBytes(batch.Yearly.AsSpan()).ToArray(), silo);
    }
}
