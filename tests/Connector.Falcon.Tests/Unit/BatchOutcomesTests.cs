using Connector.Contracts;
using Connector.Falcon.Http;
using Connector.Falcon.Json;

namespace Connector.Falcon.Tests.Unit;

public sealed class BatchOutcomesTests
{
    private static readonly FalconIocWrite A = Write("a.example");
    private static readonly FalconIocWrite B = Write("b.example");
    private static readonly FalconIocWrite C = Write("c.example");

    [Fact]
    public void Created_objects_are_matched_to_their_items_by_type_and_value()
    {
        var results = BatchOutcomes.ForCreate([A, B], 201, [Ioc("2", "b.example"), Ioc("1", "a.example")], []);

        Assert.All(results, r => Assert.Equal(FalconItemStatus.Succeeded, r.Status));
        Assert.Equal("1", results[0].Ioc!.Id);
        Assert.Equal("2", results[1].Ioc!.Id);
    }

    [Fact]
    public void A_duplicate_error_naming_the_value_gives_a_duplicate_outcome_to_that_item_only()
    {
        var results = BatchOutcomes.ForCreate(
            [A, B, C],
            400,
            [],
            [Error(400, "Duplicate type: 'domain' and value: 'b.example' combination.")]);

        Assert.Equal(FalconItemStatus.Unknown, results[0].Status);
        Assert.Equal(FalconItemStatus.Duplicate, results[1].Status);
        Assert.Equal(FalconItemStatus.Unknown, results[2].Status);
        Assert.Contains("b.example", results[1].ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validation_error_fails_its_item_and_a_partial_commit_succeeds_the_rest()
    {
        var results = BatchOutcomes.ForCreate(
            [A, B],
            400,
            [Ioc("1", "a.example")],
            [Error(400, "Severity is required for action 'detect' (value: 'b.example').")]);

        Assert.Equal(FalconItemStatus.Succeeded, results[0].Status);
        Assert.Equal(FalconItemStatus.Failed, results[1].Status);
        Assert.Equal("Severity is required for action 'detect' (value: 'b.example').", Assert.Single(results[1].Errors).Message);
    }

    [Fact]
    public void A_whole_request_error_that_names_no_item_leaves_every_item_unknown_with_the_error()
    {
        var results = BatchOutcomes.ForCreate([A, B], 400, [], [Error(400, "Limit of 1 million indicators reached.")]);

        Assert.All(results, r =>
        {
            Assert.Equal(FalconItemStatus.Unknown, r.Status);
            Assert.Equal("Limit of 1 million indicators reached.", r.ErrorMessage);
            Assert.Equal(400, r.HttpStatus);
        });
    }

    [Fact]
    public void The_error_of_a_failed_single_item_request_belongs_to_that_item()
    {
        var results = BatchOutcomes.ForCreate([A], 400, [], [Error(400, "Duplicate combination.")]);

        Assert.Equal(FalconItemStatus.Duplicate, Assert.Single(results).Status);
    }

    [Fact]
    public void A_value_is_only_matched_as_a_whole_word()
    {
        var results = BatchOutcomes.ForCreate(
            [Write("a.example"), Write("ba.example")],
            400,
            [],
            [Error(400, "Invalid value: 'ba.example' for type: 'domain'.")]);

        Assert.Equal(FalconItemStatus.Unknown, results[0].Status);
        Assert.Equal(FalconItemStatus.Failed, results[1].Status);
    }

    [Fact]
    public void An_error_with_a_value_field_is_matched_by_it()
    {
        var error = new FalconErrorDto { Code = 400, Message = "Duplicate", Type = "domain", Value = "c.example" };

        var results = BatchOutcomes.ForCreate([A, C], 400, [], [error]);

        Assert.Equal(FalconItemStatus.Unknown, results[0].Status);
        Assert.Equal(FalconItemStatus.Duplicate, results[1].Status);
    }

    [Fact]
    public void A_success_missing_an_item_says_unknown_for_it()
    {
        var results = BatchOutcomes.ForCreate([A, B, C], 201, [Ioc("1", "a.example"), Ioc("3", "c.example")], []);

        Assert.Equal([FalconItemStatus.Succeeded, FalconItemStatus.Unknown, FalconItemStatus.Succeeded], results.Select(r => r.Status));
    }

    [Fact]
    public void One_object_spelt_differently_pairs_with_the_one_item_left()
    {
        var results = BatchOutcomes.ForCreate([A, Write("upper.example")], 201, [Ioc("1", "a.example"), Ioc("2", "UPPER.EXAMPLE.")], []);

        Assert.All(results, r => Assert.Equal(FalconItemStatus.Succeeded, r.Status));
        Assert.Equal("2", results[1].Ioc!.Id);
    }

    [Fact]
    public void Updates_are_matched_by_id_and_a_missing_id_is_not_found()
    {
        FalconIocUpdate[] updates = [new() { Id = "1", Action = "no_action" }, new() { Id = "2", Action = "no_action" }];

        var results = BatchOutcomes.ForUpdate(updates, 400, [], [Error(404, "Indicator not found: '2'.")]);

        Assert.Equal(FalconItemStatus.Unknown, results[0].Status);
        Assert.Equal(FalconItemStatus.NotFound, results[1].Status);
    }

    [Fact]
    public void An_update_error_naming_the_id_fails_that_update()
    {
        FalconIocUpdate[] updates = [new() { Id = "aaa", Severity = "bad" }, new() { Id = "bbb", Action = "detect" }];

        var results = BatchOutcomes.ForUpdate(updates, 200, [Ioc("bbb", "x.example")], [Error(400, "Invalid severity: 'bad' (id: 'aaa', value: 'y').")]);

        Assert.Equal(FalconItemStatus.Failed, results[0].Status);
        Assert.Equal(FalconItemStatus.Succeeded, results[1].Status);
    }

    [Fact]
    public void Deletes_are_matched_by_returned_id_and_not_found_errors()
    {
        var results = BatchOutcomes.ForDelete(["1", "2", "3"], 200, ["1", "3"], [Error(404, "Indicator not found: '2'.")]);

        Assert.Equal([FalconItemStatus.Succeeded, FalconItemStatus.NotFound, FalconItemStatus.Succeeded], results.Select(r => r.Status));
    }

    [Fact]
    public void A_bare_successful_delete_deleted_every_id()
    {
        var results = BatchOutcomes.ForDelete(["1", "2"], 200, [], []);

        Assert.All(results, r => Assert.Equal(FalconItemStatus.Succeeded, r.Status));
    }

    [Theory]
    [InlineData("value 'a.example' exists", "a.example", true)]
    [InlineData("value a.example exists", "a.example", true)]
    [InlineData("a.example", "a.example", true)]
    [InlineData("value 'ba.example' exists", "a.example", false)]
    [InlineData("value 'a.example.org' exists", "a.example", false)]
    [InlineData("value 'A.EXAMPLE' exists", "a.example", true)]
    [InlineData("", "a.example", false)]
    public void Mentions_finds_whole_values_only(string message, string value, bool expected) =>
        Assert.Equal(expected, BatchOutcomes.Mentions(message, value));

    private static FalconIocWrite Write(string value) => new()
    {
        Type = IocType.Domain,
        Value = value,
        Action = "detect",
        Severity = "high",
        Platforms = ["windows"],
    };

    private static FalconIoc Ioc(string id, string value) => new() { Id = id, Type = "domain", Value = value };

    private static FalconErrorDto Error(int code, string message) => new() { Code = code, Message = message };
}
