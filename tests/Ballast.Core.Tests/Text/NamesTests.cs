using Ballast.Core.Model;
using Ballast.Core.Text;

namespace Ballast.Core.Tests.Text;

public class NamesTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("horizn", "horizon", 1)]
    [InlineData("lamda", "lambda", 1)]
    [InlineData("abc", "", 3)]
    [InlineData("Lambda", "lambda", 1)]
    public void Distance_is_the_Levenshtein_distance(string a, string b, int expected)
    {
        Assert.Equal(expected, Names.Distance(a, b));
        Assert.Equal(expected, Names.Distance(b, a));
    }

    [Fact]
    public void Distance_compares_only_the_first_64_characters()
    {
        // A megabyte of input costs as much as 64 characters: 63 edits from "a", and equal to its own 64-character prefix.
        var huge = new string('a', 1_000_000);
        Assert.Equal(Names.MaxComparedChars - 1, Names.Distance(huge, "a"));
        Assert.Equal(0, Names.Distance(huge, new string('a', Names.MaxComparedChars) + "tail that is not compared"));
    }

    [Fact]
    public void Closest_suggests_only_close_names_from_the_list_best_first()
    {
        string[] known = ["horizon", "start", "seed", "shocks", "scenario"];
        Assert.Equal(["horizon"], Names.Closest("horizn", known, 3));
        Assert.Equal(["seed"], Names.Closest("sted", known, 3)); // "start" is three edits away, more than a third of it
        Assert.Equal(["bat", "cat"], Names.Closest("rat", ["hat", "cat", "bat"], 2)); // ties in ordinal order
        Assert.Empty(Names.Closest("xylophone", known, 3));
        Assert.Equal(["shocks"], Names.Closest("SHOCK", known, 3)); // case is ignored
    }

    [Fact]
    public void Closest_offers_names_that_contain_the_text()
    {
        string[] known = ["crisis_eta_boost", "crisis_threat", "eta"];
        Assert.Equal(["crisis_threat", "crisis_eta_boost"], Names.Closest("crisis", known, 5));
        Assert.Empty(Names.Closest("ta", ["crisis_threat"], 5)); // two letters are too few to match inside a name
    }

    [Fact]
    public void Closest_of_a_long_input_returns_only_known_names()
    {
        var huge = "horizon" + new string('x', 2_000_000);
        Assert.Empty(Names.Closest(huge, ["horizon", "start"], 3));
        Assert.Equal(["horizon"], Names.Closest("horizon" + new string('x', 2), ["horizon", "start"], 3));
    }

    [Theory]
    [InlineData("HubAndSpokes", "hub-and-spokes", "hub_and_spokes")]
    [InlineData("TaiwanStrait", "taiwan-strait", "taiwan_strait")]
    [InlineData("CrisisEtaBoost", "crisis-eta-boost", "crisis_eta_boost")]
    [InlineData("Eta", "eta", "eta")]
    [InlineData("", "", "")]
    public void Kebab_and_snake_case_split_PascalCase_words(string pascal, string kebab, string snake) =>
        Assert.Equal((kebab, snake), (Names.Kebab(pascal), Names.Snake(pascal)));

    [Fact]
    public void Every_model_enum_round_trips_through_kebab_case()
    {
        RoundTrips<CrisisType>();
        RoundTrips<StanceKind>();
        RoundTrips<MissionArea>();
        RoundTrips<Ballast.Core.Scenarios.Architecture>();
        RoundTrips<Ballast.Core.Scenarios.ActorPreset>();
        RoundTrips<Ballast.Core.Countries.CountryRole>();

        static void RoundTrips<T>()
            where T : struct, Enum
        {
            foreach (var v in Enum.GetValues<T>())
            {
                Assert.True(Names.TryParseKebab<T>(Names.Kebab(v), StringComparison.Ordinal, out var back));
                Assert.Equal(v, back);
            }

            Assert.Equal(Enum.GetValues<T>().Length, Names.KebabValues<T>().Distinct().Count());
        }
    }

    [Fact]
    public void Kebab_parsing_follows_the_comparison_asked_for()
    {
        Assert.True(Names.TryParseKebab<CrisisType>("South-China-Sea", StringComparison.OrdinalIgnoreCase, out var kind));
        Assert.Equal(CrisisType.SouthChinaSea, kind);
        Assert.False(Names.TryParseKebab<CrisisType>("South-China-Sea", StringComparison.Ordinal, out _));
        Assert.False(Names.TryParseKebab<CrisisType>("other", StringComparison.Ordinal, out _));
    }
}
