using Ballast.Cli;

// Thin host: all behaviour lives in BallastCli so tests can run it in-process. Ctrl-C cancels cleanly.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return BallastCli.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected, cancellation: cancel.Token);
