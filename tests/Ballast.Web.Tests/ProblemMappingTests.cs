using System.Text.Json;
using Ballast.Optimisation.Solving;
using Ballast.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ballast.Web.Tests;

/// <summary>What the server's exception handler answers for errors no endpoint test can provoke in a source build.</summary>
public sealed class ProblemMappingTests
{
    [Fact]
    public async Task A_server_without_the_optimiser_answers_503_with_the_install_line()
    {
        var http = new DefaultHttpContext();
        http.Request.Path = "/api/optimise";
        http.Response.Body = new MemoryStream();
        var handler = new Problems.ExceptionHandler(NullLogger<Problems.ExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(http, new OptimiserNotInstalledException(), CancellationToken.None));

        Assert.Equal(503, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType, StringComparison.Ordinal);
        http.Response.Body.Position = 0;
        using var doc = await JsonDocument.ParseAsync(http.Response.Body);
        var p = doc.RootElement;
        Assert.Equal(503, p.GetProperty("status").GetInt32());
        Assert.Equal("Optimiser not installed", p.GetProperty("title").GetString());
        Assert.Equal(RolesSolving.NotInstalled, p.GetProperty("detail").GetString());
        Assert.Equal("https://ballast.invalid/problems/optimiser-not-installed", p.GetProperty("type").GetString());
        Assert.Equal("/api/optimise", p.GetProperty("instance").GetString());
    }
}
