using Connector.Domain.Falcon;

namespace Connector.Domain.Tests.Falcon;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(" short ", "short")]
    [InlineData("exactly ten", "exactly t…")]
    [InlineData("0123456789", "0123456789")]
    [InlineData("01234567890", "012345678…")]
    [InlineData("0123456   89", "0123456…")]
    public void Text_is_trimmed_and_cut_with_an_ellipsis(string? text, string? expected)
    {
        Assert.Equal(expected, TextRules.Cut(text, 10));
    }

    [Fact]
    public void A_description_of_exactly_the_limit_is_kept_whole()
    {
        var text = new string('d', 200);

        Assert.Equal(text, TextRules.Cut(text, FalconLimits.MaxDescriptionLength));
    }

    [Fact]
    public void A_long_description_is_cut_to_the_limit_ending_with_an_ellipsis()
    {
        var cut = TextRules.Cut(new string('d', 1_000), FalconLimits.MaxDescriptionLength);

        Assert.Equal(200, cut!.Length);
        Assert.Equal(new string('d', 199) + "…", cut);
    }

    [Theory]
    [InlineData(197)]
    [InlineData(198)]
    [InlineData(199)]
    [InlineData(200)]
    public void A_cut_never_splits_a_surrogate_pair(int prefix)
    {
        var text = new string('a', prefix) + string.Concat(Enumerable.Repeat("😀", 10));

        var cut = TextRules.Cut(text, 200)!;

        Assert.True(cut.Length <= 200);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        for (var i = 0; i < cut.Length; i++)
        {
            if (char.IsHighSurrogate(cut[i]))
            {
                Assert.True(i + 1 < cut.Length && char.IsLowSurrogate(cut[i + 1]), $"lone high surrogate at {i}");
            }
            else if (char.IsLowSurrogate(cut[i]))
            {
                Assert.True(i > 0 && char.IsHighSurrogate(cut[i - 1]), $"lone low surrogate at {i}");
            }
        }
    }

    [Fact]
    public void A_cut_keeps_a_combining_mark_with_its_letter()
    {
        var text = new string('a', 198) + "e\u0301" + "bbbb";

        var cut = TextRules.Cut(text, 200)!;

        Assert.Equal(new string('a', 198) + "…", cut);
    }

    [Fact]
    public void A_limit_below_one_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextRules.Cut("x", 0));
    }

    public static TheoryData<string?[]?, string[]> LabelSets => new()
    {
        { null, [] },
        { [], [] },
        { ["c2", "apt"], ["apt", "c2"] },
        { [" b ", "a", "", null, "a", "  "], ["a", "b"] },
        { ["Malware", "malware"], ["Malware", "malware"] },
        { ["TO_DELETE", "to_delete", "keep"], ["keep"] },
        { ["x", "TO_DELETE "], ["x"] },
    };

    [Theory]
    [MemberData(nameof(LabelSets))]
    public void Tags_are_the_labels_trimmed_distinct_and_sorted(string?[]? labels, string[] tags)
    {
        Assert.Equal(tags, TextRules.TagsFromLabels(labels));
    }
}
