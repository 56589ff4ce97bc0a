using System.CommandLine.Parsing;

namespace Ballast.Cli;

/// <summary>
/// Turns a failed parse into one line for standard error: the option and what it expects in plain words
/// (<c>--runs: 'abc' is not a whole number</c>), never the whole help or a .NET type name.
/// </summary>
internal static class ParseErrors
{
    /// <summary>The line describing the first problem of <paramref name="parse"/> (which has errors).</summary>
    public static string Describe(ParseResult parse)
    {
        var command = parse.CommandResult;
        string path = CommandPath(command);

        // Option and argument problems first: an unmatched token is often only the consequence of one (--runs --seed 1).
        foreach (var error in parse.Errors)
        {
            switch (error.SymbolResult)
            {
                case OptionResult o when o.Tokens.Count == 0 && o.Option.Required:
                    return $"{o.Option.Name} is required; '{path} --help' shows the usage";
                case OptionResult o:
                    return Value(o.Option.Name, o.Option.ValueType, o.Tokens) ?? OneOf(o.Option.Name, error.Message) ?? FirstLine(error.Message);
                case ArgumentResult { Parent: OptionResult o } a:
                    return Value(o.Option.Name, a.Argument.ValueType, a.Tokens) ?? OneOf(o.Option.Name, error.Message) ?? FirstLine(error.Message);
                case ArgumentResult a when a.Tokens.Count == 0:
                    return $"'{path}' needs <{a.Argument.Name}>; '{path} --help' shows the usage";
                case ArgumentResult a:
                    return Value($"<{a.Argument.Name}>", a.Argument.ValueType, a.Tokens) ?? FirstLine(error.Message);
            }
        }

        if (parse.UnmatchedTokens.Count > 0)
        {
            return $"unrecognized argument '{parse.UnmatchedTokens[0]}'; '{path} --help' lists the options";
        }

        if (command.Command.Subcommands.Count > 0 && command.Command.Action is null)
        {
            return $"give a command; '{path} --help' lists them";
        }

        return FirstLine(parse.Errors[0].Message);
    }

    /// <summary><c>NAME: 'TOKEN' is not EXPECTED</c> for the first token that is not a value of the type, or null.</summary>
    private static string? Value(string name, Type type, IReadOnlyList<Token> tokens)
    {
        type = type.IsArray ? type.GetElementType()! : type;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Expected(type) is not { } expected)
        {
            return null;
        }

        foreach (var token in tokens)
        {
            if (!Parses(type, token.Value))
            {
                return $"{name}: '{token.Value}' is not {expected}";
            }
        }

        return null;
    }

    private static string? Expected(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
        _ when type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) => "a whole number of 0 or more",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
        _ when type == typeof(bool) => "true or false",
        { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant())),
        _ => null,
    };

    private static bool Parses(Type type, string text)
    {
        var c = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, c, out _),
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, c, out _),
            _ when type == typeof(short) => short.TryParse(text, NumberStyles.Integer, c, out _),
            _ when type == typeof(uint) => uint.TryParse(text, NumberStyles.None, c, out _),
            _ when type == typeof(ulong) => ulong.TryParse(text, NumberStyles.None, c, out _),
            _ when type == typeof(ushort) => ushort.TryParse(text, NumberStyles.None, c, out _),
            _ when type == typeof(bool) => bool.TryParse(text, out _),
            { IsEnum: true } => Enum.TryParse(type, text, ignoreCase: true, out _),
            _ => double.TryParse(text, NumberStyles.Float, c, out _),
        };
    }

    /// <summary><c>ballast run</c>: the command's names from the root, whatever the executable is called.</summary>
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? r = command; r is CommandResult c; r = c.Parent)
        {
            names.Add(c.Parent is null ? "ballast" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>
    /// <c>NAME: 'TOKEN' is not one of A, B</c> from the parser's "Argument 'TOKEN' not recognized. Must be one of:" message
    /// (an option with a fixed list of values), or null for any other message.
    /// </summary>
    private static string? OneOf(string name, string message)
    {
        var lines = message.Split('\n').Select(l => l.Trim().TrimEnd('\r')).ToList();
        if (lines.Count < 2 || !lines[0].EndsWith("Must be one of:", StringComparison.Ordinal) || lines[0].IndexOf('\'') is not (>= 0 and var start))
        {
            return null;
        }

        var token = lines[0][(start + 1)..lines[0].IndexOf('\'', start + 1)];
        return $"{name}: '{token}' is not one of {string.Join(", ", lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Trim('\'')))}";
    }

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd('\r');
}
