using Ballast.Cli;

// Thin host: all behaviour lives in BallastCli so tests can run it in-process.
return BallastCli.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
