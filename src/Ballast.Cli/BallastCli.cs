namespace Ballast.Cli;

/// <summary>The <c>ballast</c> command line: builds the command tree and runs it with clean error handling.</summary>
public static class BallastCli
{
    /// <summary>Exit code for bad input (a malformed file, an unknown country, a bad option value).</summary>
    public const int InputError = 2;

    /// <summary>Exit code when the user interrupted a run.</summary>
    public const int Interrupted = 130;

    /// <summary>
    /// Runs the command line against the given writers and returns the exit code; <paramref name="width"/> fixes the terminal
    /// width in columns; <paramref name="input"/> replaces standard input (the hot-seat's answers).
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool interactive = false, int? width = null, TextReader? input = null, CancellationToken cancellation = default)
    {
        var ctx = new CliContext(output, error, interactive, cancellation) { In = input ?? System.Console.In };
        if (width is int w)
        {
            ctx.Console.Profile.Width = w;
        }

        var root = Root(ctx);
        var parse = root.Parse(args);
        if (parse.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            // One line naming the problem, like every other input error; the help is one --help away.
            error.WriteLine($"error: {ParseErrors.Describe(parse)}");
            return InputError;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The command tree, for tests that parse command lines without running them.</summary>
    internal static RootCommand Root(CliContext ctx)
    {
        var root = new RootCommand(Description);
        foreach (var command in Commands(ctx))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private const string Description = "Ballast: burden sharing, alliance networks and simulation of the US-led alliance system in the Indo-Pacific.";

    private static IEnumerable<Command> Commands(CliContext ctx)
    {
        yield return BurdenCommand.Create(ctx);
        yield return SeriesCommand.Create(ctx);
        yield return ExploitationCommand.Create(ctx);
        yield return PowerCommand.Create(ctx);
        yield return NetworkCommand.Create(ctx);
        yield return ParamsCommand.Create(ctx);
        yield return RunCommand.Create(ctx);
        yield return CompareCommand.Create(ctx);
        yield return CalibrateCommand.Create(ctx);
        yield return BacktestCommand.Create(ctx);
        yield return EpisodesCommand.Create(ctx);
        yield return ValidateCommand.Create(ctx);
        yield return ExploreCommand.Create(ctx);
        yield return SensitivityCommand.Create(ctx);
        yield return DiscoverCommand.Create(ctx);
        yield return QueryCommand.Create(ctx);
        yield return ExportCommand.Create(ctx);
        yield return StoreCommand.Create(ctx);
        yield return ClusterCommand.Create(ctx);
        yield return RobustCommand.Create(ctx);
        yield return SearchCommand.Create(ctx);
        yield return OptimizeCommand.Create(ctx);
        yield return ServeCommand.Create(ctx);
        yield return ReportCommand.Create(ctx);
        yield return GameCommand.Create(ctx);
    }

    /// <summary>
    /// A command with its arguments and options (in help order) whose action runs through <see cref="Guard"/>: the one
    /// way every command is wired. <paramref name="examples"/> (1–3 command lines) end its help.
    /// </summary>
    internal static Command Command(CliContext ctx, string name, string description, IReadOnlyList<string> examples, IReadOnlyList<Symbol> symbols, Func<ParseResult, int> action)
    {
        var command = new Command(name, WithExamples(description, examples));
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
                default:
                    throw new ArgumentException($"a command takes arguments and options, not {symbol.GetType().Name}", nameof(symbols));
            }
        }

        command.SetAction(p => Guard(ctx, () => action(p)));
        return command;
    }

    /// <summary>A description followed by its examples, as the help prints them.</summary>
    internal static string WithExamples(string description, IReadOnlyList<string> examples)
    {
        if (examples.Count is < 1 or > 3)
        {
            throw new ArgumentException("a command's help shows one to three examples", nameof(examples));
        }

        return description + "\n\nExamples:\n" + string.Join('\n', examples.Select(e => "  " + e));
    }

    /// <summary>Runs a command body, turning input errors (and files that cannot be read or written) into one line on standard error and exit code 2.</summary>
    public static int Guard(CliContext ctx, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (BallastInputException e)
        {
            ctx.Err.WriteLine($"error: {e.Message}");
            return InputError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            // A file that cannot be read or written, a full disk, a database that fails mid-way: the message names the
            // path; the writers' temporary names mean nothing half-written is left looking final.
            ctx.Err.WriteLine($"error: {e.Message.Split('\n')[0].TrimEnd('\r')}");
            return InputError;
        }
        catch (OperationCanceledException)
        {
            ctx.Err.WriteLine("interrupted: stopped cleanly; partial results were not written as final.");
            return Interrupted;
        }
    }
}
