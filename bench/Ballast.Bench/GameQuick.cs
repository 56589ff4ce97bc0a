using System.Diagnostics;
using System.Globalization;
using Ballast.Games;
using Ballast.Games.Log;

namespace Ballast.Bench;

/// <summary>
/// Stopwatch figures for wargames (issue 14's targets): adjudicating a turn with a 1,000-run band, 50 concurrent
/// model-played games on one service, replaying a 10-turn game. The game databases go to a temporary folder and are
/// deleted at the end.
/// </summary>
public static class GameQuick
{
    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    public static int Run(string gamesDir)
    {
        var tmp = Path.Combine(Path.GetTempPath(), "ballast-game-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(tmp);
        try
        {
            var classroom = GameDefinitionLoader.LoadFile(Path.Combine(gamesDir, "classroom.yaml"));
            var indo = GameDefinitionLoader.LoadFile(Path.Combine(gamesDir, "indo-pacific-2025.yaml"));
            Console.WriteLine($"threads {Environment.ProcessorCount}, band 1,000 runs");
            var compile = Stopwatch.StartNew();
            for (int k = 0; k < 20; k++)
            {
                Ballast.Data.Scenarios.ScenarioCompiler.Compile(classroom.Scenario);
            }

            Console.WriteLine($"one scenario compile (part of every ensemble of an adjudication): {compile.Elapsed.TotalMilliseconds / 20:F1} ms");

            // 1. One adjudication: the classroom game's turns (the model's teams move), and the Indo-Pacific game's
            //    turns with all seven teams moving (eight ensembles: the world and seven counterfactuals).
            var service = new GameService(new SqliteGameLog(Path.Combine(tmp, "one.db")));
            var g = service.Create(classroom, 1, []);
            var times = new List<double>();
            var cpu = Cpu();
            for (int t = 1; t <= classroom.Turns; t++)
            {
                var sw = Stopwatch.StartNew();
                service.Adjudicate(g.GameId, GameRole.WhiteCell);
                times.Add(sw.Elapsed.TotalSeconds);
            }

            Console.WriteLine($"classroom adjudication per turn (1-year turns, 2-3 ensembles): {string.Join(", ", times.Select(x => x.ToString("F3", CultureInfo.InvariantCulture)))} s wall; process CPU {(Cpu() - cpu) / classroom.Turns:F3} s a turn");

            var all = indo.Teams.Select(t => t.Id).ToArray();
            var ig = service.Create(indo, 1, all);
            times.Clear();
            cpu = Cpu();
            for (int t = 1; t <= indo.Turns; t++)
            {
                foreach (var team in indo.Teams)
                {
                    var item = team.Menu.First(i => i.Kind == MoveKind.Spending);
                    service.SubmitMoves(ig.GameId, GameRole.Team(team.Id), team.Id, [new Move(item.Id, Math.Min(2, item.Max))]);
                }

                var sw = Stopwatch.StartNew();
                service.Adjudicate(ig.GameId, GameRole.WhiteCell);
                times.Add(sw.Elapsed.TotalSeconds);
            }

            Console.WriteLine($"Indo-Pacific adjudication per turn (2-year turns, 7 teams moving, 8 ensembles): {string.Join(", ", times.Select(x => x.ToString("F3", CultureInfo.InvariantCulture)))} s wall; process CPU {(Cpu() - cpu) / indo.Turns:F3} s a turn (moves included)");

            // 2. Fifty model-played classroom games at once on one service and one database.
            var shared = new GameService(new SqliteGameLog(Path.Combine(tmp, "fifty.db")));
            int errors = 0;
            var wall = Stopwatch.StartNew();
            Parallel.For(0, 50, new ParallelOptions { MaxDegreeOfParallelism = 50 }, i =>
            {
                try
                {
                    var game = shared.Create(classroom, (ulong)i, []);
                    for (int t = 1; t <= classroom.Turns; t++)
                    {
                        shared.Adjudicate(game.GameId, GameRole.WhiteCell);
                    }

                    if (shared.View(game.GameId, GameRole.Spectator).Status != GameStatus.Finished)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e.Message);
                    Interlocked.Increment(ref errors);
                }
            });
            Console.WriteLine($"50 concurrent model-played classroom games (4 turns each, 200 adjudications): {wall.Elapsed.TotalSeconds:F1} s wall, {errors} errors, {shared.List().Count} games in the log");

            // 3. Replay of a 10-turn game (the classroom game over ten one-year turns, 2025-2034).
            var ten = GameDefinitionLoader.Load(classroom.Text.Replace("turns: 4", "turns: 10", StringComparison.Ordinal), "classroom-10.yaml", classroom.ScenarioText);
            var tg = service.Create(ten, 5, []);
            for (int t = 1; t <= ten.Turns; t++)
            {
                service.Adjudicate(tg.GameId, GameRole.WhiteCell);
            }

            for (int k = 0; k < 3; k++)
            {
                cpu = Cpu();
                var r = service.Replay(tg.GameId);
                Console.WriteLine($"replay of a 10-turn game: {r.Seconds:F3} s wall, process CPU {Cpu() - cpu:F3} s, {r.TurnsCompared} turns, identical {r.Identical}");
            }

            return errors == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(tmp, recursive: true);
        }
    }
}
