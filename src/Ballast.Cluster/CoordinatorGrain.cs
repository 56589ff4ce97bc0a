using Orleans;
using Orleans.Runtime;

namespace Ballast.Cluster;

/// <summary>The coordinator (see <see cref="ICoordinatorGrain"/>); one activation, calls one at a time, state in memory.</summary>
internal sealed class CoordinatorGrain(IClusterMembershipService membership, ILocalSiloDetails local) : Grain, ICoordinatorGrain
{
    private readonly Dictionary<string, JobState> _jobs = new(StringComparer.Ordinal);

    public Task Submit(ExperimentJob job, int[] firsts, int[] counts)
    {
        var state = new JobState(job);
        for (int i = 0; i < firsts.Length; i++)
        {
            state.Pending.AddLast(new Range(firsts[i], counts[i]));
        }

        _jobs[job.Id] = state;
        return Task.CompletedTask;
    }

    public Task<WorkItem?> Next(SiloAddress silo)
    {
        Reclaim();
        foreach (var state in _jobs.Values)
        {
            if (state.Pending.First is { } node)
            {
                state.Pending.RemoveFirst();
                state.Leased[node.Value.First] = (node.Value, silo);
                return Task.FromResult<WorkItem?>(new WorkItem(state.Job, node.Value.First, node.Value.Count));
            }
        }

        return Task.FromResult<WorkItem?>(null);
    }

    public Task<bool> Complete(string jobId, RangeResult result)
    {
        if (!_jobs.TryGetValue(jobId, out var state))
        {
            return Task.FromResult(false);
        }

        var range = new Range(result.First, result.Count);
        // Only a range the job still waits for counts: leased, or put back after its silo was declared dead and
        // finishing late after all. Anything else is a second result of a finished range and is dropped.
        bool leased = state.Leased.TryGetValue(range.First, out var lease) && lease.Range == range;
        var queued = leased ? null : state.Pending.Find(range);
        if (!leased && queued is null)
        {
            state.Dropped++;
            return Task.FromResult(false);
        }

        if (leased)
        {
            state.Leased.Remove(range.First);
        }
        else
        {
            state.Pending.Remove(queued!);
        }

        state.Finished.Add(result);
        return Task.FromResult(true);
    }

    public Task<Collected?> Collect(string jobId, int max)
    {
        if (!_jobs.TryGetValue(jobId, out var state))
        {
            return Task.FromResult<Collected?>(null);
        }

        Reclaim();
        int take = Math.Min(max, state.Finished.Count);
        var ranges = state.Finished.GetRange(0, take).ToArray();
        state.Finished.RemoveRange(0, take);
        return Task.FromResult<Collected?>(new Collected(ranges, state.Pending.Count, state.Leased.Count, state.Requeued, state.Dropped, state.Failure));
    }

    public Task Fail(string jobId, string silo, string reason)
    {
        if (_jobs.TryGetValue(jobId, out var state) && state.Failure is null)
        {
            state.Failure = $"{reason} (on silo {silo})";
            state.Pending.Clear();
            state.Leased.Clear();
        }

        return Task.CompletedTask;
    }

    public Task Finish(string jobId)
    {
        _jobs.Remove(jobId);
        return Task.CompletedTask;
    }

    public Task<LeaseInfo[]> Leases() =>
        Task.FromResult(_jobs.Values.SelectMany(s => s.Leased.Values.Select(l => new LeaseInfo(s.Job.Id, l.Range.First, l.Silo))).ToArray());

    public Task<SiloAddress> Host() => Task.FromResult(local.SiloAddress);

    /// <summary>Puts back at the head of the queue every range leased to a silo the membership has declared dead.</summary>
    private void Reclaim()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var state in _jobs.Values)
        {
            foreach (var (first, lease) in state.Leased.ToList())
            {
                if (snapshot.GetSiloStatus(lease.Silo) == SiloStatus.Dead)
                {
                    state.Leased.Remove(first);
                    state.Pending.AddFirst(lease.Range);
                    state.Requeued++;
                }
            }
        }
    }

    private readonly record struct Range(int First, int Count);

    private sealed class JobState(ExperimentJob job)
    {
        public ExperimentJob Job { get; } = job;

        public LinkedList<Range> Pending { get; } = new();

        public Dictionary<int, (Range Range, SiloAddress Silo)> Leased { get; } = [];

        public List<RangeResult> Finished { get; } = [];

        public int Requeued { get; set; }

        public int Dropped { get; set; }

        public string? Failure { get; set; }
    }
}
