using System.Text.RegularExpressions;
using Ballast.Games;
using Ballast.Games.Log;
using Ballast.Core.Text;

namespace Ballast.Cli.Commands;

/// <summary>
/// <c>ballast game</c>: wargames on the command line (docs/wargame.md). The commands open the game database directly and
/// act as the White Cell or as the team named, so whoever holds the file runs the game; the per-team codes are for the
/// web app. <c>play</c> is the terminal hot-seat: each person's team is prompted in turn on the same terminal.
/// </summary>
public static partial class GameCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext ctx)
    {
        var group = new Command("game", "Wargames: teams play the alliance system turn by turn and the model adjudicates (docs/wargame.md).");
        group.Subcommands.Add(New(ctx));
        group.Subcommands.Add(Status(ctx));
        group.Subcommands.Add(MoveCommand(ctx));
        group.Subcommands.Add(Adjudicate(ctx));
        group.Subcommands.Add(Replay(ctx));
        group.Subcommands.Add(Branch(ctx));
        group.Subcommands.Add(Report(ctx));
        group.Subcommands.Add(Play(ctx));
        return group;
    }

    /// <summary>The default game database: games.db in the user's local data folder (ballast/).</summary>
    public static string DefaultDatabase()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(string.IsNullOrEmpty(root) ? "." : root, "ballast", "games.db");
    }

    private static Option<string?> Db() => new("--db")
    {
        Description = "Game database (SQLite; default: games.db in the user's local data folder, under ballast/).",
        HelpName = "FILE",
    };

    private static Argument<string> GameId() => new("game") { Description = "The game's id (ballast game new prints it)." };

    private static Argument<string> GameFile() => new("gamefile") { Description = "Game definition (YAML), e.g. games/classroom.yaml." };

    private static Option<ulong?> Seed() => new("--seed") { Description = "Master seed of the game's draws (default 1).", HelpName = "N" };

    private static Option<string[]> Humans() => new("--human")
    {
        Description = "A team played by people (repeat for several); the model plays the others.",
        HelpName = "TEAM",
        AllowMultipleArgumentsPerToken = false,
    };

    private static Option<int?> Runs() => new("--runs", "-n")
    {
        Description = "Runs in each adjudication's band (default 1000; at least 10).",
        HelpName = "N",
    };

    private static GameService Service(ParseResult p, Option<string?> db, int bandRuns = 1000, int? threads = null) =>
        new(new SqliteGameLog(p.GetValue(db) ?? DefaultDatabase()), new GameServiceOptions { BandRuns = bandRuns, Threads = threads ?? Environment.ProcessorCount });

    private static int BandRuns(ParseResult p, Option<int?> runs)
    {
        var n = p.GetValue(runs) ?? 1000;
        return n is >= 10 and <= 100_000 ? n : throw new BallastInputException("the band has 10 to 100000 runs", field: "--runs", value: n.ToString(CultureInfo.InvariantCulture));
    }

    private static Command New(CliContext ctx)
    {
        var file = GameFile();
        var db = Db();
        var seed = Seed();
        var humans = Humans();
        var runs = Runs();
        var output = new OutputOptions();
        return BallastCli.Command(ctx, "new", "Creates a game from a definition; prints its id and one code per team, one for the White Cell and one for spectators (shown once).",
            ["ballast game new games/classroom.yaml --human japan", "ballast game new games/indo-pacific-2025.yaml --human us --human japan --seed 7 --db games.db"],
            [file, db, seed, humans, runs, .. output.Symbols], p =>
        {
            var def = GameDefinitionLoader.LoadFile(p.GetValue(file)!);
            var created = Service(p, db, BandRuns(p, runs)).Create(def, p.GetValue(seed) ?? 1, p.GetValue(humans) ?? []);
            output.Write(p, ctx, CodesDocument("game new", def, created));
            return 0;
        });
    }

    private static ResultDocument CodesDocument(string command, GameDefinition def, GameCreated created)
    {
        var t = new ResultTable($"Game {created.GameId}: {def.Title} - codes (give each to its players only)", [
            new("role", "Role", RightAlign: false),
            new("team", "Team", RightAlign: false),
            new("code", "Code", RightAlign: false),
        ], "codes");
        foreach (var team in def.Teams)
        {
            t.Add("team", team.Id, created.TeamCodes[team.Id]);
        }

        t.Add("white-cell", null, created.WhiteCellCode);
        t.Add("spectator", null, created.SpectatorCode);
        var doc = new ResultDocument(command, t);
        doc.Fields["game_id"] = created.GameId;
        doc.Fields["turns"] = def.Turns;
        doc.Fields["first_year"] = def.FirstYear(1);
        doc.Fields["last_year"] = def.EndYear;
        return doc;
    }

    private static Command Status(CliContext ctx)
    {
        var game = GameId();
        var db = Db();
        var team = new Option<string?>("--team") { Description = "See the game as this team sees it (default: the White Cell's view, everything).", HelpName = "TEAM" };
        var output = new OutputOptions("world", "teams", "actors", "moves");
        return BallastCli.Command(ctx, "status", "A game's state: the teams and who has moved, the world's path against its band, the actors' state and the moves the viewer may see.",
            ["ballast game status GAME", "ballast game status GAME --team japan --format json"],
            [game, db, team, .. output.Symbols], p =>
        {
            var s = Service(p, db);
            var id = p.GetValue(game)!;
            var role = p.GetValue(team) is { } t ? GameRole.Team(t) : GameRole.WhiteCell;
            if (role.Kind == RoleKind.Team && s.Definition(id).Team(role.TeamId!) is null)
            {
                throw new BallastInputException($"no team '{role.TeamId}'; teams: {string.Join(", ", s.Definition(id).Teams.Select(x => x.Id))}", field: "--team");
            }

            var v = s.View(id, role);
            var teams = new ResultTable($"Game {v.GameId}: {v.Title} - turn {Math.Min(v.Turn, v.Turns)} of {v.Turns} ({v.Status.ToString().ToLowerInvariant()})", [
                new("team", "Team", RightAlign: false),
                new("name", "Name", RightAlign: false),
                new("actors", "Actors", RightAlign: false),
                new("played_by", "Played by", RightAlign: false),
                new("submitted", "Moved this turn"),
            ], "teams");
            foreach (var x in v.Teams)
            {
                teams.Add(x.Id, x.Name, string.Join(" ", x.Actors), x.Human ? "people" : "model", x.Submitted);
            }

            var doc = new ResultDocument("game status", World(v.Outcomes), teams, Actors(v.Outcomes.Count > 0 ? v.Outcomes[^1] : null), Moves(v.Moves)) { CsvDefault = "world" };
            doc.Fields["game_id"] = v.GameId;
            doc.Fields["status"] = v.Status.ToString().ToLowerInvariant();
            doc.Fields["turn"] = v.Turn;
            doc.Fields["turns"] = v.Turns;
            doc.Fields["first_year"] = v.FirstYear;
            doc.Fields["last_year"] = v.LastYear;
            output.Write(p, ctx, doc);
            return 0;
        });
    }

    private static ResultTable World(IReadOnlyList<TurnOutcome> outcomes)
    {
        var t = new ResultTable("The world: balance on the realised draw and its band", [
            new("turn", "Turn", "0"),
            new("year", "Year", "0"),
            new("balance", "Balance", "0.000"),
            new("balance_p5", "p5", "0.000"),
            new("balance_p50", "p50", "0.000"),
            new("balance_p95", "p95", "0.000"),
            new("spending_ratio", "Spending ratio", "0.000"),
        ], "world");
        foreach (var o in outcomes)
        {
            foreach (var w in o.World)
            {
                t.Add(o.Turn, w.Year, w.Balance, w.BalanceBand?.P05, w.BalanceBand?.P50, w.BalanceBand?.P95, w.SpendingRatio);
            }
        }

        return t;
    }

    private static ResultTable Actors(TurnOutcome? last)
    {
        var t = new ResultTable(last is null ? "Actors: no turn adjudicated yet" : $"Actors at the end of turn {last.Turn} ({last.LastYear}), realised draw", [
            new("actor", "Actor", RightAlign: false),
            new("spending_usd_bn", "Spending (US$ bn)", "N1"),
            new("burden_pct", "Burden (% GDP)", "0.00"),
            new("burden_p5_pct", "p5 (%)", "0.00"),
            new("burden_p95_pct", "p95 (%)", "0.00"),
            new("credibility", "Credibility", "0.000"),
            new("alignment", "Alignment", "0.000"),
            new("hedging", "Hedging", "0.000"),
            new("state", "State", RightAlign: false),
        ], "actors");
        foreach (var a in last?.Actors ?? [])
        {
            t.Add(a.Actor, a.SpendingUsdBn, a.BurdenPct, a.BurdenBand?.P05, a.BurdenBand?.P95, a.Credibility, a.Alignment, a.Hedging, a.State);
        }

        return t;
    }

    private static ResultTable Moves(IReadOnlyList<TeamMoves> moves)
    {
        var t = new ResultTable("Moves", [
            new("turn", "Turn", "0"),
            new("team", "Team", RightAlign: false),
            new("by", "By", RightAlign: false),
            new("moves", "Moves", RightAlign: false),
            new("cost_usd_bn", "Cost (US$ bn)", "N2"),
        ], "moves");
        foreach (var m in moves)
        {
            t.Add(m.Turn, m.TeamId, m.ByModel ? "model" : "people", m.Moves.Count == 0 ? "no move" : string.Join("; ", m.Moves.Select(Text)), m.CostUsdBn);
        }

        return t;
    }

    private static Command MoveCommand(CliContext ctx)
    {
        var game = GameId();
        var db = Db();
        var team = new Option<string>("--team") { Description = "The team moving.", HelpName = "TEAM", Required = true };
        var moves = new Argument<string[]>("moves")
        {
            Description = "Moves as ITEM=VALUE[@TARGET][:OPTION][/DEADLINE][#ACTOR], e.g. budget=10, stance=2@JPN:conditional/2029, mix=5:maritime; none = no move this turn.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var signal = new Option<string?>("--signal") { Description = "Also post a public signal (before the moves).", HelpName = "TEXT" };
        var output = new OutputOptions();
        return BallastCli.Command(ctx, "move", "Submits a team's secret moves for the open turn (once a turn), checked against its menu, bounds and budget.",
            ["ballast game move GAME --team japan budget=10 host=1500", "ballast game move GAME --team us stance=2@JPN:conditional/2029 --signal \"Allies must do more.\""],
            [game, moves, db, team, signal, .. output.Symbols], p =>
        {
            var s = Service(p, db);
            var id = p.GetValue(game)!;
            var role = GameRole.Team(p.GetValue(team)!);
            var parsed = (p.GetValue(moves) ?? []).Select((m, i) => ParseMove(m, $"moves[{i}]")).ToList();
            if (p.GetValue(signal) is { } text)
            {
                s.PostSignal(id, role, text);
            }

            var done = s.SubmitMoves(id, role, role.TeamId!, parsed);
            var t = new ResultTable($"Game {id}: team {done.TeamId}, turn {done.Turn} - moves submitted (secret until revealed)", [
                new("item", "Item", RightAlign: false),
                new("value", "Value", "0.###"),
                new("target", "Target", RightAlign: false),
                new("option", "Option", RightAlign: false),
                new("deadline_year", "Deadline", "0"),
                new("actor", "Actor", RightAlign: false),
            ], "moves");
            foreach (var m in done.Moves)
            {
                t.Add(m.Item, m.Value, m.Target, m.Option, m.Deadline, m.Actor);
            }

            var doc = new ResultDocument("game move", t);
            doc.Fields["game_id"] = id;
            doc.Fields["team"] = done.TeamId;
            doc.Fields["turn"] = done.Turn;
            doc.Fields["cost_usd_bn"] = done.CostUsdBn;
            output.Write(p, ctx, doc);
            return 0;
        });
    }

    private static Command Adjudicate(CliContext ctx)
    {
        var game = GameId();
        var db = Db();
        var inject = new Option<string[]>("--inject")
        {
            Description = "A White Cell inject before adjudicating (repeatable): crisis:KIND=INTENSITY, shock:COUNTRY|REGION=GDP_PCT, government-change:COUNTRY=TIE_CHANGE[/SPENDING_PCT].",
            HelpName = "SPEC",
        };
        var threads = CommonOptions.Threads();
        var output = new OutputOptions("world", "actors", "counterfactuals", "assessments");
        return BallastCli.Command(ctx, "adjudicate", "Adjudicates the open turn (White Cell): the model moves its teams, the world moves along the realised draw, with the band and each team's counterfactual.",
            ["ballast game adjudicate GAME", "ballast game adjudicate GAME --inject crisis:taiwan-strait=0.6 --table counterfactuals"],
            [game, db, inject, threads, .. output.Symbols], p =>
        {
            var s = Service(p, db, threads: CommonOptions.ThreadCount(p, threads));
            var id = p.GetValue(game)!;
            foreach (var spec in p.GetValue(inject) ?? [])
            {
                s.Inject(id, GameRole.WhiteCell, ParseInject(spec));
            }

            var o = s.Adjudicate(id, GameRole.WhiteCell);
            output.Write(p, ctx, OutcomeDocument(id, o));
            return 0;
        });
    }

    private static ResultDocument OutcomeDocument(string id, TurnOutcome o)
    {
        var cf = new ResultTable("Had they not moved: each moving team's counterfactual (same draws)", [
            new("team", "Team", RightAlign: false),
            new("indicator", "Indicator", RightAlign: false),
            new("actor", "Actor", RightAlign: false),
            new("realised", "Realised", "0.000"),
            new("realised_without", "Without", "0.000"),
            new("median", "Median", "0.000"),
            new("median_without", "Median without", "0.000"),
        ], "counterfactuals");
        foreach (var c in o.Counterfactuals)
        {
            foreach (var v in c.Values)
            {
                cf.Add(c.TeamId, v.Indicator, v.Actor, v.Realised, v.RealisedWithout, v.Median, v.MedianWithout);
            }
        }

        var assess = new ResultTable("Assessment: each team's criteria on the realised draw", [
            new("team", "Team", RightAlign: false),
            new("criterion", "Criterion", RightAlign: false),
            new("value", "Value", "0.000"),
            new("met", "Met"),
            new("p_met", "Share of runs meeting it", "P0"),
        ], "assessments");
        foreach (var a in o.Assessments)
        {
            foreach (var c in a.Criteria)
            {
                assess.Add(a.TeamId, c.Name, c.Value, c.Met, c.ShareOfRuns);
            }
        }

        var doc = new ResultDocument("game adjudicate", World([o]), Actors(o), cf, assess);
        doc.Fields["game_id"] = id;
        doc.Fields["turn"] = o.Turn;
        doc.Fields["first_year"] = o.FirstYear;
        doc.Fields["last_year"] = o.LastYear;
        doc.Fields["seed"] = o.Seed;
        doc.Fields["realised_run"] = o.RealisedRun;
        doc.Fields["band_runs"] = o.BandRuns;
        return doc;
    }

    private static Command Replay(CliContext ctx)
    {
        var game = GameId();
        var db = Db();
        var threads = CommonOptions.Threads();
        var output = new OutputOptions();
        return BallastCli.Command(ctx, "replay", "Replays a game's log: recomputes every adjudicated turn and compares it bit for bit with the log (exit 1 when one differs).",
            ["ballast game replay GAME", "ballast game replay GAME --db games.db --format json"],
            [game, db, threads, .. output.Symbols], p =>
        {
            var r = Service(p, db, threads: CommonOptions.ThreadCount(p, threads)).Replay(p.GetValue(game)!);
            var t = new ResultTable($"Replay of game {r.GameId}", [
                new("turns_compared", "Turns compared", "0"),
                new("identical", "Identical"),
                new("seconds", "Seconds", "0.000"),
                new("difference", "First difference", RightAlign: false),
            ]);
            t.Add(r.TurnsCompared, r.Identical, r.Seconds, r.FirstDifference);
            var doc = new ResultDocument("game replay", t);
            doc.Fields["game_id"] = r.GameId;
            output.Write(p, ctx, doc);
            return r.Identical ? 0 : 1;
        });
    }

    private static Command Branch(CliContext ctx)
    {
        var game = GameId();
        var db = Db();
        var turn = new Option<int>("--turn") { Description = "The first turn played differently (the branch copies every turn before it).", HelpName = "N", Required = true };
        var moves = new Option<string[]>("--move")
        {
            Description = "A team's replacement moves for that turn, TEAM:ITEM=VALUE[@TARGET][:OPTION][/DEADLINE] (repeatable; a team's moves replace all its moves; TEAM:none for no move).",
            HelpName = "TEAM:MOVE",
        };
        var output = new OutputOptions();
        return BallastCli.Command(ctx, "branch", "Branches a game at a past turn into a new game (what if Japan had hosted in 2027?), optionally with replaced moves; prints the new game's codes.",
            ["ballast game branch GAME --turn 2 --move japan:host=2000", "ballast game branch GAME --turn 1"],
            [game, db, turn, moves, .. output.Symbols], p =>
        {
            var s = Service(p, db);
            var id = p.GetValue(game)!;
            var replaced = new Dictionary<string, List<Move>>(StringComparer.Ordinal);
            foreach (var spec in p.GetValue(moves) ?? [])
            {
                var colon = spec.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw new BallastInputException("a replaced move is TEAM:MOVE", field: "--move", value: spec);
                }

                var list = replaced.TryGetValue(spec[..colon], out var l) ? l : replaced[spec[..colon]] = [];
                if (spec[(colon + 1)..] != "none")
                {
                    list.Add(ParseMove(spec[(colon + 1)..], "--move"));
                }
            }

            var created = s.Branch(id, GameRole.WhiteCell, p.GetValue(turn), replaced.ToDictionary(r => r.Key, r => (IReadOnlyList<Move>)r.Value, StringComparer.Ordinal));
            var doc = CodesDocument("game branch", s.Definition(id), created);
            doc.Fields["parent_game_id"] = id;
            doc.Fields["branch_turn"] = p.GetValue(turn);
            output.Write(p, ctx, doc);
            return 0;
        });
    }

    private static Command Report(CliContext ctx)
    {
        var game = GameId();
        var db = Db();
        var output = new Option<string>("--out", "-o") { Description = "The HTML file to write.", HelpName = "FILE", Required = true };
        return BallastCli.Command(ctx, "report", "Writes a game's after-action report: a self-contained HTML page with every turn's moves, the world's path against its band, the assessment and the branches.",
            ["ballast game report GAME --out aar.html"],
            [game, db, output], p =>
        {
            var path = GameReports.Write(p.GetValue(output)!, Service(p, db), p.GetValue(game)!);
            ctx.Out.WriteLine($"wrote {path}");
            return 0;
        });
    }

    private static Command Play(CliContext ctx)
    {
        var file = GameFile();
        var db = Db();
        var seed = Seed();
        var humans = Humans();
        var runs = Runs();
        var threads = CommonOptions.Threads();
        var report = new Option<string?>("--report") { Description = "Also write the after-action report to this HTML file at the end.", HelpName = "FILE" };
        return BallastCli.Command(ctx, "play", "Plays a game in the terminal (hot-seat): each human team is prompted for its moves in turn, then the model adjudicates; with no --human the model plays alone.",
            ["ballast game play games/classroom.yaml --human japan", "ballast game play games/indo-pacific-2025.yaml --human us --human china --report aar.html"],
            [file, db, seed, humans, runs, threads, report], p =>
        {
            var def = GameDefinitionLoader.LoadFile(p.GetValue(file)!);
            var s = Service(p, db, BandRuns(p, runs), CommonOptions.ThreadCount(p, threads));
            var created = s.Create(def, p.GetValue(seed) ?? 1, p.GetValue(humans) ?? []);
            var hotSeat = new HotSeat(ctx, s, def, created.GameId);
            hotSeat.Run();
            if (p.GetValue(report) is { } path)
            {
                ctx.Out.WriteLine($"wrote {GameReports.Write(path, s, created.GameId)}");
            }

            return 0;
        });
    }

    /// <summary>Parses ITEM=VALUE[@TARGET][:OPTION][/DEADLINE][#ACTOR].</summary>
    internal static Move ParseMove(string text, string field)
    {
        var m = MoveSyntax().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new BallastInputException("a move is ITEM=VALUE[@TARGET][:OPTION][/DEADLINE][#ACTOR], e.g. budget=10 or stance=2@JPN:conditional/2029", field: field, value: text);
        }

        string? Group(string name) => m.Groups[name].Success ? m.Groups[name].Value : null;
        return new Move(m.Groups["item"].Value, value, Group("target")?.ToUpperInvariant(), Group("option"),
            Group("deadline") is { } d ? int.Parse(d, CultureInfo.InvariantCulture) : null, Group("actor")?.ToUpperInvariant());
    }

    /// <summary>Parses KIND:WHERE=VALUE[/SPENDING_PCT].</summary>
    internal static Inject ParseInject(string text)
    {
        var m = InjectSyntax().Match(text.Trim());
        if (!m.Success || !Names.TryParseKebab<InjectKind>(m.Groups["kind"].Value, StringComparison.Ordinal, out var kind)
            || !double.TryParse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new BallastInputException("an inject is crisis:KIND=INTENSITY, shock:COUNTRY|REGION=GDP_PCT or government-change:COUNTRY=TIE_CHANGE[/SPENDING_PCT]", field: "--inject", value: text);
        }

        var where = m.Groups["where"].Value;
        var spend = m.Groups["spend"].Success ? double.Parse(m.Groups["spend"].Value, CultureInfo.InvariantCulture) : 0;
        bool country = where.Length == 3 && where.All(char.IsAsciiLetter);
        return kind switch
        {
            InjectKind.Crisis => new Inject(kind, value, Option: where, Text: $"White Cell: a {where} crisis."),
            InjectKind.Shock => country ? new Inject(kind, value, Target: where.ToUpperInvariant(), Text: $"White Cell: an economic shock in {where.ToUpperInvariant()}.")
                : new Inject(kind, value, Option: where, Text: $"White Cell: an economic shock ({where})."),
            _ => new Inject(kind, value, Target: where.ToUpperInvariant(), SpendingChangePct: spend, Text: $"White Cell: a change of government in {where.ToUpperInvariant()}."),
        };
    }

    /// <summary>A move as the command line writes it.</summary>
    internal static string Text(Move m) =>
        $"{m.Item}={m.Value.ToString("0.###", CultureInfo.InvariantCulture)}{(m.Target is null ? string.Empty : "@" + m.Target)}{(m.Option is null ? string.Empty : ":" + m.Option)}{(m.Deadline is null ? string.Empty : "/" + m.Deadline)}{(m.Actor is null ? string.Empty : "#" + m.Actor)}";

    [GeneratedRegex(@"^(?<item>[a-z0-9-]+)=(?<value>[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)(?:@(?<target>[A-Za-z]{3}))?(?::(?<option>[a-z-]+))?(?:/(?<deadline>[0-9]{4}))?(?:#(?<actor>[A-Za-z]{3}))?$")]
    private static partial Regex MoveSyntax();

    [GeneratedRegex(@"^(?<kind>[a-z-]+):(?<where>[A-Za-z-]+)=(?<value>[-+]?[0-9]*\.?[0-9]+)(?:/(?<spend>[-+]?[0-9]*\.?[0-9]+))?$")]
    private static partial Regex InjectSyntax();
}
