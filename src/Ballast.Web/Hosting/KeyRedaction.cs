using System.Text.RegularExpressions;

namespace Ballast.Web.Hosting;

/// <summary>
/// Keeps the API key out of every log line. ASP.NET Core logs each request line at information level, query string
/// included, so <c>?api_key=KEY</c> would land in the log; this factory wraps every logger of the app and masks
/// <c>api_key=</c> and session-cookie values and the configured key wherever they appear: in the message, in the
/// structured values (which JSON and telemetry sinks write) and in an exception's text. Wargame codes get the same
/// treatment: the <c>X-Game-Code</c> header's value and the game session cookies (<see cref="Api.GameSessions"/>).
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner, Func<string?> key) : ILoggerFactory
{
    /// <summary>What a secret is replaced by.</summary>
    public const string Mask = "[redacted]";

    // A query parameter api_key=… or the cookie ballast_api_key=… or ballast_game_ID=…, up to the next separator; a game
    // code header written as "X-Game-Code: …" or "X-Game-Code=…".
    private static readonly Regex Assignment = new(
        $@"(?<=(?:^|[^A-Za-z0-9_])(?:{AccessPolicy.Cookie}|{AccessPolicy.Query}|{Api.GameSessions.CookiePrefix}[A-Za-z0-9-]+)=)[^&#;,\s""']+|(?<={Api.GameSessions.Header}\s*[:=]\s*)[^&#;,\s""']+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private readonly Lazy<string[]> _secrets = new(() => key() is { Length: > 0 } k ? [k, Uri.EscapeDataString(k)] : []);

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), this);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    /// <summary>True when the text holds something to mask.</summary>
    internal bool Holds(string? text) =>
        text is not null && (text.Contains("api_key=", StringComparison.OrdinalIgnoreCase) || text.Contains(Api.GameSessions.CookiePrefix, StringComparison.OrdinalIgnoreCase)
            || text.Contains(Api.GameSessions.Header, StringComparison.OrdinalIgnoreCase) || _secrets.Value.Any(s => text.Contains(s, StringComparison.Ordinal)));

    /// <summary>The text with every secret masked.</summary>
    internal string Redact(string text)
    {
        foreach (var s in _secrets.Value)
        {
            text = text.Replace(s, Mask, StringComparison.Ordinal);
        }

        return Assignment.Replace(text, Mask);
    }

    private sealed class RedactingLogger(ILogger inner, RedactingLoggerFactory redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            var values = state as IEnumerable<KeyValuePair<string, object?>>;
            if (!redactor.Holds(message) && !(values?.Any(v => redactor.Holds(Text(v.Value))) ?? false) && !redactor.Holds(exception?.ToString()))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var clean = new RedactedState(
                redactor.Redact(message),
                values?.Select(v => redactor.Holds(Text(v.Value)) ? new KeyValuePair<string, object?>(v.Key, redactor.Redact(Text(v.Value)!)) : v).ToList() ?? []);
            var error = exception is not null && redactor.Holds(exception.ToString()) ? new RedactedException(redactor.Redact(exception.Message), redactor.Redact(exception.ToString())) : exception;
            inner.Log(logLevel, eventId, clean, error, static (s, _) => s.Message);
        }

        private static string? Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);
    }

    /// <summary>The masked message and values, in the shape structured sinks read (a list of pairs).</summary>
    private sealed class RedactedState(string message, List<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }

    /// <summary>An exception whose text is the original's with secrets masked.</summary>
    private sealed class RedactedException(string message, string text) : Exception(message)
    {
        public override string ToString() => text;
    }
}
