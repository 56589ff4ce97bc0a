namespace Ballast.Games.Tests;

public class RuleTests
{
    private static (GameService Service, ManualClock Clock, GameCreated Game) NewClassroom(params string[] humans)
    {
        var (service, clock, _) = GameFixtures.Service(bandRuns: 64);
        return (service, clock, service.Create(GameFixtures.Classroom, 7, humans));
    }

    private static GameRuleException Rejected(Action action) => Assert.Throws<GameRuleException>(action);

    [Fact]
    public void Codes_open_their_role_and_nothing_else()
    {
        var (s, _, g) = NewClassroom("japan");
        Assert.Equal(GameRole.Team("japan"), s.Authenticate(g.GameId, g.TeamCodes["japan"]));
        Assert.Equal(GameRole.Team("us"), s.Authenticate(g.GameId, g.TeamCodes["us"]));
        Assert.Equal(GameRole.WhiteCell, s.Authenticate(g.GameId, g.WhiteCellCode));
        Assert.Equal(GameRole.Spectator, s.Authenticate(g.GameId, g.SpectatorCode));
        Assert.Equal(26, g.WhiteCellCode.Length);
        Assert.Equal(5, new[] { g.WhiteCellCode, g.SpectatorCode, g.TeamCodes["us"], g.TeamCodes["japan"], g.TeamCodes["china"] }.Distinct().Count());
        var bad = Rejected(() => s.Authenticate(g.GameId, "0123456789abcdefghjkmnpqrs"));
        Assert.Equal((GameErrors.BadCode, GameErrorKind.Forbidden), (bad.Code, bad.Kind));
        var other = s.Create(GameFixtures.Classroom, 8, []);
        Assert.Equal(GameErrors.BadCode, Rejected(() => s.Authenticate(other.GameId, g.WhiteCellCode)).Code);
        var unknown = Rejected(() => s.Authenticate("nosuchgame", g.WhiteCellCode));
        Assert.Equal((GameErrors.UnknownGame, GameErrorKind.NotFound, "no game 'nosuchgame'"), (unknown.Code, unknown.Kind, unknown.Reason));
    }

    [Fact]
    public void Bad_moves_are_rejected_with_their_codes()
    {
        var (s, clock, g) = NewClassroom("japan", "us");
        var japan = GameRole.Team("japan");

        var e = Rejected(() => s.SubmitMoves(g.GameId, japan, "japan", [new Move("budget", 25)]));
        Assert.Equal((GameErrors.MoveOutOfBounds, GameErrorKind.Invalid, "moves[0].value", "'budget' takes a value from -5 to 20 (%), not 25"), (e.Code, e.Kind, e.Field, e.Reason));

        e = Rejected(() => s.SubmitMoves(g.GameId, japan, "us", [new Move("budget", 1)]));
        Assert.Equal((GameErrors.WrongTeam, GameErrorKind.Forbidden, "team 'japan' may not act for team 'us'"), (e.Code, e.Kind, e.Reason));

        e = Rejected(() => s.SubmitMoves(g.GameId, japan, "japan", [new Move("budget", 1, Actor: "USA")]));
        Assert.Equal((GameErrors.WrongTeam, "moves[0].actor"), (e.Code, e.Field));

        e = Rejected(() => s.SubmitMoves(g.GameId, japan, "japan", [new Move("troops", 50, "JPN")]));
        Assert.Equal((GameErrors.UnknownItem, "team 'japan' has no move 'troops'; menu: budget, mix, host, tie"), (e.Code, e.Reason));

        e = Rejected(() => s.SubmitMoves(g.GameId, japan, "japan", [new Move("tie", 0.1, "CHN")]));
        Assert.Equal((GameErrors.BadTarget, "'tie' needs a target among AUS, KOR"), (e.Code, e.Reason));

        e = Rejected(() => s.SubmitMoves(g.GameId, japan, "japan", [new Move("mix", 5, Option: "land")]));
        Assert.Equal((GameErrors.BadOption, "'mix' needs an option among maritime, missile-defence, long-range-strike"), (e.Code, e.Reason));

        e = Rejected(() => s.SubmitMoves(g.GameId, japan, "japan", [new Move("budget", 1), new Move("budget", 2)]));
        Assert.Equal((GameErrors.DuplicateMove, "moves[1]"), (e.Code, e.Field));

        e = Rejected(() => s.SubmitMoves(g.GameId, GameRole.Team("us"), "us", [new Move("stance", 2, "JPN", "conditional")]));
        Assert.Equal((GameErrors.MoveOutOfBounds, "moves[0].deadline", "a conditional stance needs a deadline year from 2025 to 2035"), (e.Code, e.Field, e.Reason));

        e = Rejected(() => s.SubmitMoves(g.GameId, GameRole.Spectator, "japan", []));
        Assert.Equal((GameErrors.NotATeam, GameErrorKind.Forbidden), (e.Code, e.Kind));

        e = Rejected(() => s.SubmitMoves(g.GameId, GameRole.Team("china"), "china", []));
        Assert.Equal((GameErrors.WrongState, "team 'china' is played by the model in this game"), (e.Code, e.Reason));

        var ok = s.SubmitMoves(g.GameId, japan, "japan", [new Move("budget", 10), new Move("host", 1500)]);
        Assert.Equal(1 + (0.10 * GameFixtures.Classroom.Inputs.MilitaryExpenditure[GameFixtures.Classroom.Inputs.Codes.IndexOf("JPN")] / 1e9), ok.CostUsdBn, 9);
        e = Rejected(() => s.SubmitMoves(g.GameId, japan, "japan", []));
        Assert.Equal((GameErrors.AlreadySubmitted, GameErrorKind.Conflict), (e.Code, e.Kind));

        clock.Advance(TimeSpan.FromMinutes(21));
        e = Rejected(() => s.SubmitMoves(g.GameId, GameRole.Team("us"), "us", []));
        Assert.Equal((GameErrors.AfterDeadline, GameErrorKind.Conflict, "turn 1 closed for moves at 2026-01-05 09:20:00Z"), (e.Code, e.Kind, e.Reason));
    }

    [Fact]
    public void Over_budget_moves_are_rejected()
    {
        var (s, _, g) = NewClassroom("japan");
        var jpn = GameFixtures.Classroom.Inputs.MilitaryExpenditure[GameFixtures.Classroom.Inputs.Codes.IndexOf("JPN")] / 1e9;
        var e = Rejected(() => s.SubmitMoves(g.GameId, GameRole.Team("japan"), "japan", [new Move("budget", 20), new Move("host", 2500)]));
        Assert.Equal(GameErrors.OverBudget, e.Code);
        Assert.True((0.2 * jpn) + 1 > 10);
        Assert.Equal($"the moves cost US$ {Math.Round((0.2 * jpn) + 1, 2).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} bn; team 'japan' has US$ 10 bn a turn", e.Reason);
    }

    [Fact]
    public void White_cell_operations_need_the_white_cell_and_the_right_state()
    {
        var (s, clock, g) = NewClassroom("japan");
        foreach (var role in new[] { GameRole.Team("japan"), GameRole.Spectator, GameRole.Anonymous })
        {
            Assert.Equal(GameErrors.NotWhiteCell, Rejected(() => s.Adjudicate(g.GameId, role)).Code);
            Assert.Equal(GameErrors.NotWhiteCell, Rejected(() => s.Pause(g.GameId, role)).Code);
            Assert.Equal(GameErrors.NotWhiteCell, Rejected(() => s.Inject(g.GameId, role, new Inject(InjectKind.Crisis, 0.5, Option: "taiwan-strait"))).Code);
            Assert.Equal(GameErrors.NotWhiteCell, Rejected(() => s.Branch(g.GameId, role, 1)).Code);
        }

        Assert.Equal(GameErrors.NotATeam, Rejected(() => s.View(g.GameId, GameRole.Anonymous)).Code);
        Assert.Equal(GameErrors.WrongTeam, Rejected(() => s.View(g.GameId, GameRole.Team("korea"))).Code);
        Assert.Equal(GameErrors.WrongState, Rejected(() => s.Resume(g.GameId, GameRole.WhiteCell)).Code);
        s.Pause(g.GameId, GameRole.WhiteCell);
        Assert.Equal(GameStatus.Paused, s.View(g.GameId, GameRole.Spectator).Status);
        Assert.Equal(GameErrors.Paused, Rejected(() => s.SubmitMoves(g.GameId, GameRole.Team("japan"), "japan", [])).Code);
        Assert.Equal(GameErrors.Paused, Rejected(() => s.PostSignal(g.GameId, GameRole.Team("japan"), "hello")).Code);
        clock.Advance(TimeSpan.FromMinutes(30));
        s.Resume(g.GameId, GameRole.WhiteCell);

        // The pause does not count against the turn: 20 minutes from the opening plus the 30 paused.
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 50, 0, TimeSpan.Zero), s.View(g.GameId, GameRole.Team("japan")).Deadline);
        s.SubmitMoves(g.GameId, GameRole.Team("japan"), "japan", []);
        var bad = Rejected(() => s.Inject(g.GameId, GameRole.WhiteCell, new Inject(InjectKind.Crisis, 1.5, Option: "taiwan-strait")));
        Assert.Equal((GameErrors.Invalid, "value", "a crisis's intensity is between 0 and 1"), (bad.Code, bad.Field, bad.Reason));
        Assert.Equal(GameErrors.WrongState, Rejected(() => s.Reveal(g.GameId, GameRole.WhiteCell, 1)).Code);
    }

    [Fact]
    public void Observers_hear_of_changes_without_their_content()
    {
        var (s, _, g) = NewClassroom("japan");
        var heard = new List<GameNotification>();
        s.Subscribe(new Recorder(heard));
        s.PostSignal(g.GameId, GameRole.Team("japan"), "We will spend more.");
        s.SubmitMoves(g.GameId, GameRole.Team("japan"), "japan", [new Move("budget", 5)]);
        s.Pause(g.GameId, GameRole.WhiteCell);
        s.Resume(g.GameId, GameRole.WhiteCell);
        s.Adjudicate(g.GameId, GameRole.WhiteCell);
        Assert.Equal(
            [
                new GameNotification(g.GameId, GameNotificationKind.SignalPosted, 1, "japan"),
                new GameNotification(g.GameId, GameNotificationKind.MoveSubmitted, 1, "japan"),
                new GameNotification(g.GameId, GameNotificationKind.Paused, 1, null),
                new GameNotification(g.GameId, GameNotificationKind.Resumed, 1, null),
                new GameNotification(g.GameId, GameNotificationKind.TurnResolved, 1, null),
            ],
            heard);
    }

    private sealed class Recorder(List<GameNotification> into) : IGameObserver
    {
        public void Notify(GameNotification notification) => into.Add(notification);
    }
}
