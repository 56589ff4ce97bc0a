using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Ballast.Web.Jobs;

/// <summary>Does a job's work into a folder, reporting runs done (all scenarios together).</summary>
public interface IJobExecutor
{
    /// <summary>Executes the job, writing its results into <paramref name="folder"/>; throws on cancellation.</summary>
    Task ExecuteAsync(JobRecord job, string folder, Action<long> progress, CancellationToken cancellationToken);
}

/// <summary>The queue is full: a submission is refused rather than accepted and left waiting for ever.</summary>
public sealed class QueueFullException(int capacity) : Exception($"{capacity} jobs are already waiting (MaxQueuedJobs); try again when some have finished")
{
    /// <summary>The queue capacity.</summary>
    public int Capacity { get; } = capacity;
}

/// <summary>
/// The background job queue: at most <see cref="BallastWebOptions.MaxConcurrentJobs"/> jobs execute at once, each
/// under the job time limit; status lives in memory while a job runs and is written through to the <see cref="JobStore"/>
/// at every change of status. At start-up, jobs a previous process left unfinished are recovered (see <see cref="JobStore.Recover"/>).
/// </summary>
public sealed class JobQueue : BackgroundService
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, JobRecord> _live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _cancel = new(StringComparer.Ordinal);
    private readonly JobStore _store;
    private readonly IJobExecutor _executor;
    private readonly BallastWebOptions _options;
    private readonly ILogger<JobQueue> _log;
    private readonly TimeProvider _time;
    private readonly Lock _submit = new();
    private int _queued;

    /// <summary>Creates the queue.</summary>
    public JobQueue(JobStore store, IJobExecutor executor, IOptions<BallastWebOptions> options, ILogger<JobQueue> log, TimeProvider time)
    {
        _store = store;
        _executor = executor;
        _options = options.Value;
        _log = log;
        _time = time;
        foreach (var job in _store.Recover(_time.GetUtcNow()))
        {
            _live[job.Id] = job;
            Interlocked.Increment(ref _queued);
            _channel.Writer.TryWrite(job.Id);
        }
    }

    /// <summary>Accepts a job (queued); throws <see cref="QueueFullException"/> when the queue is full.</summary>
    public JobRecord Submit(JobKind kind, JobSpec spec)
    {
        lock (_submit)
        {
            if (Volatile.Read(ref _queued) >= _options.MaxQueuedJobs)
            {
                throw new QueueFullException(_options.MaxQueuedJobs);
            }

            var job = new JobRecord(
                JobStore.NewId(), kind, string.Join(" vs ", spec.Scenarios.Select(s => s.Name)), JobStatus.Queued,
                _time.GetUtcNow(), null, null, 0, (long)spec.Runs * spec.Scenarios.Count, null, spec);
            _store.Add(job);
            _live[job.Id] = job;
            Interlocked.Increment(ref _queued);
            _channel.Writer.TryWrite(job.Id);
            return job;
        }
    }

    /// <summary>A job's current state (live progress while it runs), or null.</summary>
    public JobRecord? Get(string id) => _live.TryGetValue(id, out var j) ? j : _store.Get(id);

    /// <summary>Jobs, newest first.</summary>
    public IReadOnlyList<JobRecord> List(int limit) =>
        _store.List(limit).Select(j => _live.TryGetValue(j.Id, out var live) ? live : j).ToList();

    /// <summary>Cancels a queued or running job; returns the job's state afterwards, or null if unknown.</summary>
    public JobRecord? Cancel(string id)
    {
        if (_cancel.TryGetValue(id, out var cts))
        {
            cts.Cancel();
            return Get(id);
        }

        if (_live.TryGetValue(id, out var job) && job.Status == JobStatus.Queued)
        {
            Finish(job with { Status = JobStatus.Cancelled, Finished = _time.GetUtcNow(), Error = "cancelled before it started" });
        }

        return Get(id);
    }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, _options.MaxConcurrentJobs).Select(_ => Task.Run(() => Work(stoppingToken), CancellationToken.None));
        return Task.WhenAll(workers);
    }

    private async Task Work(CancellationToken stopping)
    {
        try
        {
            await foreach (var id in _channel.Reader.ReadAllAsync(stopping))
            {
                Interlocked.Decrement(ref _queued);
                if (!_live.TryGetValue(id, out var job) || job.Status != JobStatus.Queued)
                {
                    continue; // cancelled while queued
                }

                await Execute(job, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: jobs still queued stay queued in the store and run after the restart.
        }
    }

    private async Task Execute(JobRecord job, CancellationToken stopping)
    {
        using var user = new CancellationTokenSource();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(_options.MaxJobSeconds), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(user.Token, limit.Token, stopping);
        _cancel[job.Id] = user;
        job = job with { Status = JobStatus.Running, Started = _time.GetUtcNow() };
        _live[job.Id] = job;
        _store.Update(job);
        var work = _store.WorkFolder(job.Id);
        try
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }

            Directory.CreateDirectory(work);
            var id = job.Id;
            await _executor.ExecuteAsync(job, work, done => _live.AddOrUpdate(id, _ => job, (_, j) => j with { Done = done }), linked.Token);
            Directory.Move(work, _store.ResultsFolder(job.Id));
            Finish(Current(job) with { Status = JobStatus.Succeeded, Done = job.Total, Finished = _time.GetUtcNow() });
        }
        catch (OperationCanceledException)
        {
            var (status, why) = user.IsCancellationRequested ? (JobStatus.Cancelled, "cancelled by a client")
                : limit.IsCancellationRequested ? (JobStatus.Failed, $"stopped at the job time limit of {_options.MaxJobSeconds} s (MaxJobSeconds)")
                : (JobStatus.Failed, "the server stopped while this job was running; submit it again (same seed, same results)");
            Finish(Current(job) with { Status = status, Finished = _time.GetUtcNow(), Error = why });
        }
        catch (BallastInputException e)
        {
            Finish(Current(job) with { Status = JobStatus.Failed, Finished = _time.GetUtcNow(), Error = e.Message });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.LogError(e, "Job {Id} failed", job.Id);
            Finish(Current(job) with { Status = JobStatus.Failed, Finished = _time.GetUtcNow(), Error = $"internal error ({e.GetType().Name}): {e.Message}" });
        }
        finally
        {
            _cancel.TryRemove(job.Id, out _);
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private JobRecord Current(JobRecord job) => _live.TryGetValue(job.Id, out var j) ? j : job;

    private void Finish(JobRecord job)
    {
        _store.Update(job);
        _live.TryRemove(job.Id, out _);
    }
}
