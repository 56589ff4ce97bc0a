namespace Ballast.Web.Tests;

/// <summary>The entry point WebApplicationFactory starts: the same builder as <c>ballast serve</c>.</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static void Main(string[] args) => BallastWebApp.Build(args).Run();
}
