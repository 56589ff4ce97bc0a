using System.Runtime.CompilerServices;

namespace Ballast.Cli.Tests;

/// <summary>Runs the ballast command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        var code = BallastCli.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }
}

/// <summary>
/// Approved-output ("golden file") check: compares text with tests/Ballast.Cli.Tests/approved/NAME.txt.
/// Set BALLAST_APPROVE=1 to (re)write the approved file after checking the output by eye.
/// </summary>
internal static class Approved
{
    public static void Verify(string name, string actual, [CallerFilePath] string source = "")
    {
        var dir = Path.Combine(Path.GetDirectoryName(source)!, "approved");
        var path = Path.Combine(dir, name + ".txt");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("BALLAST_APPROVE") == "1")
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"no approved output {path}; run with BALLAST_APPROVE=1 after checking the output");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
