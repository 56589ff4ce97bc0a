using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace Ballast.Web.Hosting;

/// <summary>
/// Once the server listens, checks the addresses it actually bound against the access policy. Kestrel endpoints in
/// configuration (<c>Kestrel__Endpoints__X__Url</c>, appsettings) override the URLs the policy was built from, so the
/// configured URLs alone cannot decide whether a key is needed. A failed check fails the start (the host then stops).
/// </summary>
internal sealed class BindingCheck(IServer server, AccessPolicy policy) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // The test server has no addresses: nothing is reachable from outside the process.
        policy.CheckBound(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
