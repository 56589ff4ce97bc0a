namespace Ballast.Cli.Tests; public class Placeholder {}
