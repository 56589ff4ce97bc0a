namespace Ballast.Cli.Tests;

public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("--max-compute=0", "error: field '--max-compute', value '0': must be at least 1\n")]
    [InlineData("--compute-queue=-1", "error: field '--compute-queue', value '-1': must be 0 or more\n")]
    public void Bad_compute_limits_are_refused_before_the_server_starts(string option, string message)
    {
        var (code, _, err) = CliRunner.Run("serve", option, "--store", Path.Combine(Path.GetTempPath(), "ballast-serve-test-unused"));
        Assert.Equal(2, code);
        Assert.Equal(message, err);
    }

    [Fact]
    public void A_cluster_that_is_not_a_gateway_list_is_refused_before_the_server_starts()
    {
        var (code, _, err) = CliRunner.Run("serve", "--cluster", "127.0.0.1", "--store", Path.Combine(Path.GetTempPath(), "ballast-serve-test-unused"));
        Assert.Equal(2, code);
        Assert.Equal("error: field 'Cluster': '127.0.0.1': expected HOST:PORT, e.g. 127.0.0.1:30000\n", err);
    }
}
