using System.Text.Json.Serialization;

namespace Ballast.Web.Jobs;

/// <summary>Where a job is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    /// <summary>Waiting for a worker.</summary>
    Queued,

    /// <summary>Being executed.</summary>
    Running,

    /// <summary>Finished; its results folder is complete.</summary>
    Succeeded,

    /// <summary>Stopped by an error, the job time limit, or a server restart while it ran.</summary>
    Failed,

    /// <summary>Cancelled by a client.</summary>
    Cancelled,
}

/// <summary>What kind of work a job does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobKind>))]
public enum JobKind
{
    /// <summary>One scenario's ensemble.</summary>
    Run,

    /// <summary>Two or more scenarios with common random numbers, side by side.</summary>
    Compare,

    /// <summary>A designed experiment over one scenario's uncertain parameters into a DuckDB results store.</summary>
    Explore,
}

/// <summary>One scenario inside a job: its name and its YAML text (already validated when the job was accepted).</summary>
public sealed record JobScenario(string Name, string Yaml);

/// <summary>The work a job was asked to do; stored as JSON so a restarted server can run queued jobs.</summary>
/// <param name="Scenarios">One scenario (run, explore) or several (compare).</param>
/// <param name="Runs">Ensemble size per scenario (explore: the design's rows).</param>
/// <param name="Seed">Master seed (the same for every scenario: common random numbers).</param>
/// <param name="Explore">The design of an explore job; null for runs and comparisons.</param>
public sealed record JobSpec(IReadOnlyList<JobScenario> Scenarios, int Runs, ulong Seed, ExploreSpec? Explore = null);

/// <summary>The design of an explore job.</summary>
/// <param name="Design">Design name: lhs, sobol, morris, factorial, montecarlo.</param>
/// <param name="Samples">Runs, base samples (Sobol) or trajectories (Morris), as for <c>ballast explore --samples</c>.</param>
/// <param name="Levels">Morris grid levels or factorial levels per dimension (0: the design's default).</param>
/// <param name="SecondOrder">Sobol: add the rows for second-order indices.</param>
public sealed record ExploreSpec(string Design, int Samples, int Levels, bool SecondOrder);

/// <summary>A job as stored and reported.</summary>
/// <param name="Id">32 lower-case hex digits.</param>
/// <param name="Kind">Run or compare.</param>
/// <param name="Name">Scenario name(s), for lists.</param>
/// <param name="Status">Status.</param>
/// <param name="Created">When it was accepted (UTC).</param>
/// <param name="Started">When a worker took it, if it has started.</param>
/// <param name="Finished">When it ended, if it has.</param>
/// <param name="Done">Runs finished so far (all scenarios together).</param>
/// <param name="Total">Runs to do (all scenarios together).</param>
/// <param name="Error">Why it failed, if it did.</param>
/// <param name="Spec">What it was asked to do.</param>
public sealed record JobRecord(
    string Id,
    JobKind Kind,
    string Name,
    JobStatus Status,
    DateTimeOffset Created,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    long Done,
    long Total,
    string? Error,
    JobSpec Spec)
{
    /// <summary>Share of runs done, 0–1.</summary>
    public double Progress => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);

    /// <summary>True once the job can no longer change.</summary>
    public bool IsFinal => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
}
