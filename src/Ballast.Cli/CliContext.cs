using Spectre.Console;

namespace Ballast.Cli;

/// <summary>Where a command writes: standard output and error, and a Spectre console bound to the output.</summary>
public sealed class CliContext
{
    /// <summary>Creates a context over writers; <paramref name="interactive"/> enables colours and progress bars.</summary>
    public CliContext(TextWriter output, TextWriter error, bool interactive, CancellationToken cancellation = default)
    {
        Cancellation = cancellation;
        Out = output;
        Err = error;
        Interactive = interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            Console.Profile.Width = 200; // stable output for pipes, files and approved-output tests
        }
    }

    /// <summary>Signalled when the user presses Ctrl-C.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Standard input (the hot-seat's answers); the process's unless a test hands another.</summary>
    public TextReader In { get; init; } = System.Console.In;

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Err { get; }

    /// <summary>True on a terminal.</summary>
    public bool Interactive { get; }

    /// <summary>Spectre console writing to <see cref="Out"/>.</summary>
    public IAnsiConsole Console { get; }
}
