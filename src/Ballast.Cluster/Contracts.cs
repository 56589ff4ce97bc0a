using Orleans;
using Orleans.Runtime;

namespace Ballast.Cluster;

/// <summary>
/// An experiment as the cluster runs it: everything a silo on another machine needs to rebuild the same model and
/// design (the scenario's text, not its path), so a run's results there equal a local run's.
/// </summary>
/// <param name="Id">Unique per client session, so results of an earlier, crashed session are never taken for this one's.</param>
/// <param name="ScenarioYaml">The scenario file's text.</param>
/// <param name="ScenarioLabel">The scenario's file name (messages only).</param>
/// <param name="Seed">The runs' master seed.</param>
/// <param name="Design">The design's description (<c>DesignSpec.Describe</c>); for a policy of a robustness comparison, the futures' Latin hypercube.</param>
/// <param name="Policies">A robustness comparison (<c>robust --cluster</c>): every policy's scenario text, since the futures span their
/// union of uncertain parameters; empty for an exploration of <paramref name="ScenarioYaml"/>.</param>
/// <param name="Policy">The policy of <paramref name="Policies"/> this job runs.</param>
[GenerateSerializer, Alias("Ballast.Cluster.ExperimentJob")]
public sealed record ExperimentJob(
    [property: Id(0)] string Id,
    [property: Id(1)] string ScenarioYaml,
    [property: Id(2)] string ScenarioLabel,
    [property: Id(3)] ulong Seed,
    [property: Id(4)] string Design,
    [property: Id(5)] string[]? Policies = null,
    [property: Id(6)] int Policy = 0);

/// <summary>A range of design rows leased to a silo's worker, with the job it belongs to.</summary>
/// <param name="Job">The experiment.</param>
/// <param name="First">First design row.</param>
/// <param name="Count">Rows.</param>
[GenerateSerializer, Alias("Ballast.Cluster.WorkItem")]
public sealed record WorkItem([property: Id(0)] ExperimentJob Job, [property: Id(1)] int First, [property: Id(2)] int Count);

/// <summary>
/// A finished range: outcomes and yearly values of its rows, laid out as in a <c>RunBatch</c>, as the doubles' raw
/// bytes (a byte array crosses the wire as one block; a double array is encoded value by value).
/// </summary>
/// <param name="First">First design row.</param>
/// <param name="Count">Rows.</param>
/// <param name="Outcomes">Per-run outcomes, run-major, as raw doubles.</param>
/// <param name="Yearly">Per-run yearly values, run-major, as raw doubles.</param>
/// <param name="Silo">The silo that ran it.</param>
[GenerateSerializer, Alias("Ballast.Cluster.RangeResult")]
public sealed record RangeResult(
    [property: Id(0)] int First,
    [property: Id(1)] int Count,
    [property: Id(2)] byte[] Outcomes,
    [property: Id(3)] byte[] Yearly,
    [property: Id(4)] string Silo);

/// <summary>What a client collects: finished ranges not yet handed over, and the job's state.</summary>
/// <param name="Ranges">Finished ranges (each handed over once).</param>
/// <param name="Pending">Ranges waiting for a worker.</param>
/// <param name="Leased">Ranges a worker holds.</param>
/// <param name="Requeued">Ranges put back in the queue because the silo holding them died.</param>
/// <param name="Dropped">Results dropped because their range was already finished (a presumed-dead silo finishing late).</param>
/// <param name="Failure">Why a silo could not run the job (its message, with the silo), or null.</param>
[GenerateSerializer, Alias("Ballast.Cluster.Collected")]
public sealed record Collected(
    [property: Id(0)] RangeResult[] Ranges,
    [property: Id(1)] int Pending,
    [property: Id(2)] int Leased,
    [property: Id(3)] int Requeued,
    [property: Id(4)] int Dropped,
    [property: Id(5)] string? Failure = null);

/// <summary>A lease as the coordinator sees it (for tests and diagnostics).</summary>
/// <param name="JobId">The job.</param>
/// <param name="First">First row of the range.</param>
/// <param name="Silo">The silo holding it.</param>
[GenerateSerializer, Alias("Ballast.Cluster.LeaseInfo")]
public sealed record LeaseInfo([property: Id(0)] string JobId, [property: Id(1)] int First, [property: Id(2)] SiloAddress Silo);

/// <summary>
/// The one coordinator of a cluster (key 0): it keeps each job's queue of run ranges and the leases workers hold.
/// Workers pull (work stealing: a fast silo simply asks more often); a lease held by a silo that the cluster's
/// membership declares dead goes back to the queue; the first result of a range wins and later ones are dropped.
/// It holds no durable state: the client's results store is the record of what is done, and a client resubmits what
/// is not when the coordinator has forgotten its job.
/// </summary>
[Alias("Ballast.Cluster.ICoordinatorGrain")]
public interface ICoordinatorGrain : IGrainWithIntegerKey
{
    /// <summary>Registers a job with the ranges still to run (replacing any earlier state of the same job).</summary>
    [Alias("Submit")]
    Task Submit(ExperimentJob job, int[] firsts, int[] counts);

    /// <summary>The next range for a worker on <paramref name="silo"/>, or null when no job has work waiting.</summary>
    [Alias("Next")]
    Task<WorkItem?> Next(SiloAddress silo);

    /// <summary>Hands in a finished range; false when it was dropped (already finished, or not part of the job any more).</summary>
    [Alias("Complete")]
    Task<bool> Complete(string jobId, RangeResult result);

    /// <summary>Takes up to <paramref name="max"/> finished ranges of a job; null when the coordinator does not know the job (resubmit).</summary>
    [Alias("Collect")]
    Task<Collected?> Collect(string jobId, int max);

    /// <summary>
    /// Records that a silo could not run the job (for example a scenario it cannot load): running it elsewhere would fail
    /// the same way, so the job stops waiting for workers and its client reports <paramref name="reason"/>.
    /// </summary>
    [Alias("Fail")]
    Task Fail(string jobId, string silo, string reason);

    /// <summary>Forgets a finished job.</summary>
    [Alias("Finish")]
    Task Finish(string jobId);

    /// <summary>Leases held now.</summary>
    [Alias("Leases")]
    Task<LeaseInfo[]> Leases();

    /// <summary>The silo the coordinator lives on.</summary>
    [Alias("Host")]
    Task<SiloAddress> Host();
}
