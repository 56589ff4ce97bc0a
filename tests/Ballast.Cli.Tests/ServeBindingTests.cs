namespace Ballast.Cli.Tests;

/// <summary>Sets a process environment variable, so it runs alone (no other test may build a web host meanwhile).</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
public sealed class ServeBindingTests
{
    [Fact]
    public async Task A_public_Kestrel_endpoint_from_the_environment_without_a_key_stops_serve_with_exit_2()
    {
        // Kestrel__Endpoints__X__Url overrides --port/--urls; the rule is checked on the addresses actually bound.
        const string Variable = "Kestrel__Endpoints__Hostile__Url";
        Environment.SetEnvironmentVariable(Variable, "http://0.0.0.0:0");
        try
        {
            var serve = Task.Run(() => CliRunner.Run("serve", "--store", Path.Combine(Path.GetTempPath(), "ballast-serve-" + Guid.NewGuid().ToString("N"))));
            var finished = await Task.WhenAny(serve, Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(finished == serve, "serve kept running on a public address without an API key");
            var (code, stdout, err) = await serve;
            Assert.Equal((2, string.Empty), (code, stdout));
            Assert.Matches(@"^error: field 'Urls', value 'http://0\.0\.0\.0:\d+': an API key is required when listening on anything but loopback; give --api-key or set BALLAST_API_KEY\n$", err);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }
}
