namespace Ballast.Exploration.Discovery;

/// <summary>
/// A condition on outcomes, e.g. <c>crossover_year &lt;= 2035 and balance_ratio_2035 &gt; 1</c>: comparisons
/// (&lt;, &lt;=, &gt;, &gt;=, ==, !=) between outcome names and numbers, joined by <c>and</c>, <c>or</c>, <c>not</c> and
/// parentheses. A comparison with a missing value (e.g. the crossover year of a run that never crosses) is false.
/// Parsed by a small recursive-descent parser: no code is evaluated, only these forms are accepted.
/// </summary>
public sealed class Condition
{
    private readonly Node _root;

    private Condition(string text, Node root, IReadOnlyList<string> outcomes)
    {
        Text = text;
        _root = root;
        Outcomes = outcomes;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>The outcome names the condition uses, in order of first use.</summary>
    public IReadOnlyList<string> Outcomes { get; }

    /// <summary>
    /// Parses <paramref name="text"/>; every name must be one of <paramref name="known"/> (case-sensitive), otherwise the
    /// error lists the known outcomes.
    /// </summary>
    public static Condition Parse(string text, IReadOnlyCollection<string> known, string field = "--where")
    {
        var parser = new Parser(text, known, field);
        var root = parser.ParseAll();
        return new Condition(text, root, parser.Used);
    }

    /// <summary>Evaluates the condition for one run, looking outcome values up through <paramref name="value"/>.</summary>
    public bool Evaluate(Func<string, double> value) => _root.Eval(value);

    /// <summary>Evaluates the condition over columns of outcome values (one array per name, all of one length).</summary>
    public bool[] Evaluate(IReadOnlyDictionary<string, double[]> columns)
    {
        int n = columns.Count == 0 ? 0 : columns.First().Value.Length;
        var result = new bool[n];
        for (int i = 0; i < n; i++)
        {
            int row = i;
            result[i] = _root.Eval(name => columns[name][row]);
        }

        return result;
    }

    private abstract class Node
    {
        public abstract bool Eval(Func<string, double> value);
    }

    private sealed class And(Node a, Node b) : Node
    {
        public override bool Eval(Func<string, double> value) => a.Eval(value) && b.Eval(value);
    }

    private sealed class Or(Node a, Node b) : Node
    {
        public override bool Eval(Func<string, double> value) => a.Eval(value) || b.Eval(value);
    }

    private sealed class Not(Node a) : Node
    {
        public override bool Eval(Func<string, double> value) => !a.Eval(value);
    }

    private sealed class Compare(Operand left, string op, Operand right) : Node
    {
        public override bool Eval(Func<string, double> value)
        {
            double l = left.Get(value);
            double r = right.Get(value);
            if (double.IsNaN(l) || double.IsNaN(r))
            {
                return false;
            }

            return op switch
            {
                "<" => l < r,
                "<=" => l <= r,
                ">" => l > r,
                ">=" => l >= r,
                "==" => l == r,
                _ => l != r,
            };
        }
    }

    private sealed record Operand(string? Name, double Number)
    {
        public double Get(Func<string, double> value) => Name is null ? Number : value(Name);
    }

    private enum TokenKind
    {
        Name,
        Number,
        Op,
        LParen,
        RParen,
        End,
    }

    private sealed record Token(TokenKind Kind, string Text, int Column);

    private sealed class Parser
    {
        private readonly string _text;
        private readonly IReadOnlyCollection<string> _known;
        private readonly string _field;
        private readonly List<Token> _tokens;
        private int _pos;

        public Parser(string text, IReadOnlyCollection<string> known, string field)
        {
            _text = text;
            _known = known;
            _field = field;
            _tokens = Tokenise(text);
        }

        public List<string> Used { get; } = [];

        public Node ParseAll()
        {
            if (_tokens.Count == 1)
            {
                throw Error("the condition is empty; write e.g. 'crossover_year <= 2035'", _tokens[0]);
            }

            var node = ParseOr();
            if (Peek.Kind != TokenKind.End)
            {
                throw Error($"unexpected '{Peek.Text}' (join comparisons with 'and' or 'or')", Peek);
            }

            return node;
        }

        private Token Peek => _tokens[_pos];

        private bool IsWord(string w) => Peek.Kind == TokenKind.Name && Peek.Text.Equals(w, StringComparison.OrdinalIgnoreCase);

        private Node ParseOr()
        {
            var node = ParseAnd();
            while (IsWord("or"))
            {
                _pos++;
                node = new Or(node, ParseAnd());
            }

            return node;
        }

        private Node ParseAnd()
        {
            var node = ParseNot();
            while (IsWord("and"))
            {
                _pos++;
                node = new And(node, ParseNot());
            }

            return node;
        }

        private Node ParseNot()
        {
            if (IsWord("not"))
            {
                _pos++;
                return new Not(ParseNot());
            }

            if (Peek.Kind == TokenKind.LParen)
            {
                var open = Peek;
                _pos++;
                var inner = ParseOr();
                if (Peek.Kind != TokenKind.RParen)
                {
                    throw Error($"missing ')' to close the '(' at column {open.Column}", Peek);
                }

                _pos++;
                return inner;
            }

            var left = ParseOperand();
            if (Peek.Kind != TokenKind.Op)
            {
                throw Error($"expected a comparison (<, <=, >, >=, ==, !=) after '{_tokens[_pos - 1].Text}'", Peek);
            }

            string op = Peek.Text;
            _pos++;
            var right = ParseOperand();
            if (left.Name is null && right.Name is null)
            {
                throw Error("a comparison needs at least one outcome name", _tokens[_pos - 1]);
            }

            return new Compare(left, op, right);
        }

        private Operand ParseOperand()
        {
            var t = Peek;
            switch (t.Kind)
            {
                case TokenKind.Number:
                    _pos++;
                    return new Operand(null, double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
                case TokenKind.Name when t.Text is "and" or "or" or "not":
                    throw Error($"expected an outcome name or a number, found '{t.Text}'", t);
                case TokenKind.Name:
                    _pos++;
                    if (!_known.Contains(t.Text))
                    {
                        throw new BallastInputException(
                            $"unknown outcome '{t.Text}' at column {t.Column} of \"{_text}\"; known outcomes: {string.Join(", ", _known)}",
                            field: _field, value: t.Text);
                    }

                    if (!Used.Contains(t.Text))
                    {
                        Used.Add(t.Text);
                    }

                    return new Operand(t.Text, double.NaN);
                case TokenKind.End:
                    throw Error("the condition ends too early: expected an outcome name or a number", t);
                default:
                    throw Error($"expected an outcome name or a number, found '{t.Text}'", t);
            }
        }

        private BallastInputException Error(string message, Token at) =>
            new($"{message} (at column {at.Column} of \"{_text}\")", field: _field, value: _text);

        private List<Token> Tokenise(string s)
        {
            var tokens = new List<Token>();
            int i = 0;
            while (i < s.Length)
            {
                char c = s[i];
                int col = i + 1;
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (char.IsLetter(c) || c == '_')
                {
                    int start = i;
                    while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '_' or '.' or '-'))
                    {
                        i++;
                    }

                    string word = s[start..i];
                    tokens.Add(new Token(TokenKind.Name, word is "AND" or "OR" or "NOT" ? word.ToLowerInvariant() : word, col));
                }
                else if (char.IsDigit(c) || (c is '.' or '-' && i + 1 < s.Length && (char.IsDigit(s[i + 1]) || s[i + 1] == '.')))
                {
                    int start = i;
                    i++;
                    while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.' || s[i] is 'e' or 'E' || (s[i] is '+' or '-' && s[i - 1] is 'e' or 'E')))
                    {
                        i++;
                    }

                    string num = s[start..i];
                    if (!double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        throw new BallastInputException($"'{num}' is not a number (at column {col} of \"{s}\")", field: _field, value: s);
                    }

                    tokens.Add(new Token(TokenKind.Number, num, col));
                }
                else if (c is '<' or '>' or '=' or '!')
                {
                    string op = i + 1 < s.Length && s[i + 1] == '=' ? s.Substring(i, 2) : c.ToString();
                    if (op is "=" or "!")
                    {
                        throw new BallastInputException($"'{op}' is not a comparison; use == or != (at column {col} of \"{s}\")", field: _field, value: s);
                    }

                    tokens.Add(new Token(TokenKind.Op, op, col));
                    i += op.Length;
                }
                else if (c == '(')
                {
                    tokens.Add(new Token(TokenKind.LParen, "(", col));
                    i++;
                }
                else if (c == ')')
                {
                    tokens.Add(new Token(TokenKind.RParen, ")", col));
                    i++;
                }
                else if (c == '&' && i + 1 < s.Length && s[i + 1] == '&')
                {
                    tokens.Add(new Token(TokenKind.Name, "and", col));
                    i += 2;
                }
                else if (c == '|' && i + 1 < s.Length && s[i + 1] == '|')
                {
                    tokens.Add(new Token(TokenKind.Name, "or", col));
                    i += 2;
                }
                else
                {
                    throw new BallastInputException($"unexpected character '{c}' at column {col} of \"{s}\"", field: _field, value: s);
                }
            }

            tokens.Add(new Token(TokenKind.End, "end of the condition", s.Length + 1));
            return tokens;
        }
    }
}
