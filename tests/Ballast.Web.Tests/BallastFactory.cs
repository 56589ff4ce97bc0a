using Ballast.Web.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ballast.Web.Tests;

/// <summary>The app on a test server (or Kestrel for the browser tests) over its own store folder.</summary>
public sealed class BallastFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    public BallastFactory(string? store = null)
    {
        Store = store ?? TempStore();
    }

    public string Store { get; }

    public IJobExecutor? Executor { get; init; }

    /// <summary>A clock for the app (wargame deadlines), or null for the system clock.</summary>
    public TimeProvider? Clock { get; init; }

    public static string TempStore() => Path.Combine(Path.GetTempPath(), "ballast-web-tests", Guid.NewGuid().ToString("N"));

    public BallastFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Ballast:Store", Store);
        builder.UseSetting("Ballast:Threads", "2");
        foreach (var (k, v) in _settings)
        {
            builder.UseSetting("Ballast:" + k, v);
        }

        if (Executor is not null)
        {
            builder.ConfigureTestServices(s => s.AddSingleton(Executor));
        }

        if (Clock is not null)
        {
            builder.ConfigureTestServices(s => s.AddSingleton(Clock));
        }
    }
}

/// <summary>An executor that waits until released or cancelled, reporting progress: for cancel, queue and time-limit tests.</summary>
public sealed class GateExecutor : IJobExecutor
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    public async Task ExecuteAsync(JobRecord job, string folder, Action<long> progress, CancellationToken cancellationToken)
    {
        progress(1);
        Started.TrySetResult();
        await _release.Task.WaitAsync(cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "done.txt"), "ok", cancellationToken);
    }
}
